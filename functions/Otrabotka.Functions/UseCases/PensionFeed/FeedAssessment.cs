using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>An e-mail the feed owes a graduate, under the key that makes it once-only.</summary>
public sealed record FeedMail(string Key, NotificationKind Kind, NoticeModel Model);

/// <summary>What the feed now says of one graduate: the new state, the review items, flags and e-mails it raises.</summary>
public sealed record FeedAssessment(FeedState State, IReadOnlyList<FeedReview> Reviews, IReadOnlyList<FeedFlag> Flags, IReadOnlyList<FeedMail> Mails);

/// <summary>
/// Puts the domain's feed rules together for one graduate: matching (credited periods, reviews), the cross-checks
/// against their accepted documents, and which of the three e-mails are due — each once per employer (credited,
/// not credited) or per stop, never per month or per import.
/// </summary>
public static class FeedAssessor
{
    public static FeedAssessment Assess(
        GraduateRecord graduate, IReadOnlyList<Document> documents, IReadOnlyList<ContributionMonth> months,
        IReadOnlyDictionary<string, EmployerRegistryEntry?> registry, IReadOnlyDictionary<string, string> namesInFile, FeedClock clock)
    {
        var terms = graduate.Obligation.Resolve(RuleTable.Default).Value ?? throw new InvalidDataException($"Graduate {graduate.Id} has an obligation the rules refuse.");
        var documentPeriods = DocumentPeriods.Of(documents);
        var documented = Documented(documents, documentPeriods);
        var latest = FeedMatching.Latest(months);
        var match = FeedMatching.Match(terms, latest, bin => registry.GetValueOrDefault(bin.Value), documented,
            documentPeriods.Where(p => p.Kind == PeriodKind.Employment));
        var coveredThrough = latest.Count == 0 ? FeedMonth.Of(terms.Start) : latest.Max(m => m.Month);
        var pauses = documentPeriods.Where(p => p.Kind is PeriodKind.Exemption or PeriodKind.MilitaryService);
        var flags = FeedCrossChecks.Check(latest, documented, pauses, coveredThrough);
        var old = graduate.Feed ?? new FeedState();
        string NameOf(Bin bin) => registry.GetValueOrDefault(bin.Value)?.Name ?? namesInFile.GetValueOrDefault(bin.Value) ?? bin.Value;
        var everCredited = match.Periods.Select(p => FeedPeriodState.Of(p).Bin)
            .Concat(old.Notified.Where(k => k.StartsWith("credited|", StringComparison.Ordinal)).Select(k => k["credited|".Length..])).ToHashSet(StringComparer.Ordinal);
        var stops = FeedStops.Find(latest, everCredited, clock.CoveredThrough, clock.Today);
        var mails = Mails(graduate, old, match, stops, NameOf).ToList();
        var notified = old.Notified.Concat(mails.Select(m => m.Key)).ToHashSet(StringComparer.Ordinal);
        var watching = FeedStops.Watch(latest, everCredited, [.. stops.Where(s => notified.Contains(StopKey(s)))]);
        var lastPaid = latest.Where(m => m.Paid).MaxBy(m => m.Month);
        var state = old with
        {
            Periods = [.. match.Periods.OrderBy(p => p.From).Select(FeedPeriodState.Of)],
            Reviews = [.. match.Reviews.Select(r => new FeedReviewState(r.EmployerBin.Value, [.. r.Reasons.Select(x => x.Code)], [.. r.Months.Select(m => m.ToString())]))],
            Flags = [.. flags.Select(f => new FeedFlagState(f.Key, f.Reason.Code, f.EmployerBin.Value, [.. f.Months.Select(m => m.ToString())], f.DocumentId))],
            LastPaidMonth = lastPaid?.Month.ToString(),
            CoveredThrough = latest.Count == 0 ? null : latest.Max(m => m.Month).ToString(),
            LastPaidBin = lastPaid?.EmployerBin.Value,
            Notified = [.. old.Notified.Concat(mails.Select(m => m.Key)).Distinct(StringComparer.Ordinal)],
            Watching = [.. watching.Select(w => new FeedWatchState(w.EmployerBin.Value, w.LastPaid.ToString())).OrderBy(w => w.Bin, StringComparer.Ordinal)],
        };
        return new FeedAssessment(state, match.Reviews, flags, mails);
    }

    /// <summary>Accepted employment documents with the dates the ledger gives them (an accepted end closes its job).</summary>
    public static List<DocumentedEmployment> Documented(IReadOnlyList<Document> documents, IReadOnlyList<Period> periods)
    {
        var list = new List<DocumentedEmployment>();
        foreach (var document in documents.Where(d => d.Status == DocumentStatus.Accepted))
        {
            if (document.Claim is EmploymentClaim job && Bin.Parse(job.EmployerBin) is { IsValid: true } bin && periods.FirstOrDefault(p => p.Source == document.Id) is { } period)
            {
                list.Add(new DocumentedEmployment(document.Id, bin.Value, period.From, period.To));
            }
        }

        return list;
    }

    private static string StopKey(FeedStop stop) => $"stopped|{stop.EmployerBin.Value}|{stop.LastPaid}";

    private static IEnumerable<FeedMail> Mails(GraduateRecord graduate, FeedState old, FeedMatch match, IReadOnlyList<FeedStop> stops, Func<Bin, string> nameOf)
    {
        var notified = old.Notified.ToHashSet(StringComparer.Ordinal);
        NoticeModel Model(Bin bin, DateOnly? date, IReadOnlyList<Text>? reasons = null) =>
            new(GraduateName: graduate.FullName, EmployerName: nameOf(bin), Date: date, Reasons: reasons) { GraduateSex = NoticeModel.SexOf(graduate.Iin) };

        var credited = match.Periods.GroupBy(p => FeedPeriodState.Of(p).Bin).ToList();
        foreach (var employer in credited.Where(e => !notified.Contains("credited|" + e.Key)))
        {
            yield return new FeedMail("credited|" + employer.Key, NotificationKind.FeedCredited, Model(Bin.Parse(employer.Key).Value, employer.Min(p => p.From)));
        }

        foreach (var review in match.Reviews.Where(r => !notified.Contains("review|" + r.EmployerBin.Value)))
        {
            yield return new FeedMail("review|" + review.EmployerBin.Value, NotificationKind.FeedNotCredited,
                Model(review.EmployerBin, review.Months[0].First, [.. review.Reasons.Select(r => r.Message)]));
        }

        foreach (var stop in stops.Where(s => !notified.Contains(StopKey(s))))
        {
            yield return new FeedMail(StopKey(stop), NotificationKind.FeedStopped, Model(stop.EmployerBin, stop.LastPaid.Last));
        }
    }
}
