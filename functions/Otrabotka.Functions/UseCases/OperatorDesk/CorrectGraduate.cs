using System.Globalization;
using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// An operator corrects a registered graduate: the named fields only (never the IIN), checked by the
/// registration's own rules; each real change recorded with the operator's subject, the old and new
/// values and the reason, in the same ETag-conditional transaction as the profile; the ledger, the
/// reminders and the operators' index recomputed; the graduate e-mailed when their obligation changed.
/// </summary>
public sealed class CorrectGraduate(GraduateRepository repository, OpenGraduate open, DocumentChanges changes, IndexSync indexes, TimeProvider time)
{
    public const int MinReasonLength = 2;

    public static Problem PreconditionFailed => new(Refusal.PreconditionFailed, "precondition-failed", TextCatalog.Default.Text("operator.precondition-failed"));

    /// <param name="ifMatch">
    /// The ETag the operator opened the graduate with (<see cref="RegistrationETag"/>): a registration whose fields changed since
    /// is refused (412), never retried over; a row rewritten by index sync or the feed alone is re-read and checked again.
    /// </param>
    public async Task<Outcome<OperatorGraduateView>> RunAsync(string graduateId, Fields body, string? ifMatch, Actor actor, Language language, CancellationToken cancellationToken)
    {
        var reason = body.Required("reason", Fields.DefaultMaxLength);
        if (reason.Length is > 0 and < MinReasonLength)
        {
            body.Add("reason", "reason-too-short", TextCatalog.Default.Text("operator.reason-too-short", ("min", MinReasonLength.ToString(CultureInfo.InvariantCulture))));
        }

        var fields = Changes(body);
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        return await RetryPolicy.RunAsync(
            token => CorrectOnceAsync(graduateId, fields!, reason, ifMatch, actor, language, token),
            () => ifMatch is null ? Problem.ConcurrentUpdate : PreconditionFailed,
            cancellationToken);
    }

    private async Task<Outcome<OperatorGraduateView>> CorrectOnceAsync(
        string graduateId, IReadOnlyDictionary<string, string?> fields, string reason, string? ifMatch, Actor actor, Language language, CancellationToken cancellationToken)
    {
        if (await repository.LoadAsync(graduateId, cancellationToken) is not { } unit)
        {
            return Problem.NotFound;
        }

        var graduate = unit.Graduate;
        if (ifMatch is not null && ifMatch != RegistrationETag.Of(graduate))
        {
            return PreconditionFailed;
        }

        var (updated, errors) = Apply(graduate, fields);
        if (updated is null)
        {
            return Problem.Invalid(errors);
        }

        var diff = RegistrationFields.Diff(graduate, updated);
        if (diff.Count == 0)
        {
            return await open.RunAsync(graduate, language, cancellationToken);
        }

        // Conditional on the row's storage ETag: a concurrent write throws, the retry re-reads and checks If-Match again.
        var notices = Correct(unit, updated, diff, reason, actor);
        await changes.CommitAsync(unit, notices, null, cancellationToken);

        if (graduate.Email != updated.Email)
        {
            // Due reminders carry the address they go to.
            await indexes.PlanRemindersAsync(graduate.Id, rewrite: true, cancellationToken);
        }

        return await repository.LoadAsync(graduateId, cancellationToken) is { } fresh ? await open.RunAsync(fresh.Graduate, language, cancellationToken) : Problem.NotFound;
    }

    /// <summary>Lays the correction on the unit; the graduate is e-mailed when their obligation's account changed.</summary>
    private List<Notice> Correct(GraduateUnit unit, GraduateRecord updated, IReadOnlyList<FieldChange> diff, string reason, Actor actor)
    {
        var graduate = unit.Graduate;
        var today = Almaty.Today(time);
        var before = GraduateLedger.Compute(graduate, unit.Documents, today);
        var after = GraduateLedger.Compute(updated, unit.Documents, today);
        var changed = before.Status != after.Status || before.Start != after.Start || before.RequiredDays != after.RequiredDays
            || before.CreditedDays != after.CreditedDays || before.OwedIfStopped != after.OwedIfStopped || before.ProjectedCompletion != after.ProjectedCompletion;
        unit.Correct(updated, new CorrectionView(GraduateStore.NewId('c'), time.GetUtcNow(), actor.Label, actor.Id ?? "", reason, diff, changed));
        return changed
            ? [new Notice(updated.Email, NotificationKind.ObligationCorrected, updated.Language, new NoticeModel(
                GraduateName: updated.FullName, Date: after.ProjectedCompletion, Amount: after.OwedIfStopped, RequiredDays: after.RequiredDays, CreditedDays: after.CreditedDays)
            { GraduateSex = NoticeModel.SexOf(graduate.Iin) })]
            : [];
    }

    /// <summary>The body's "changes" object as fields, with an error for a missing object, the IIN, or a field that may not change.</summary>
    private static Dictionary<string, string?>? Changes(Fields body)
    {
        var raw = body.Structured("changes", 60_000);
        JsonDocument? document = null;
        try
        {
            document = raw is null ? null : Fields.ParseStrict(raw);
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            if (document is null || document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.EnumerateObject().Any())
            {
                body.Add("changes", "changes-required", TextCatalog.Default.Text("operator.changes-required", ("field", "'changes'")));
                return null;
            }

            var changes = Fields.FromJson(document.RootElement);
            foreach (var name in document.RootElement.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal))
            {
                if (name == RegistrationFields.Iin)
                {
                    body.Add(name, "field-not-correctable", TextCatalog.Default.Text("operator.iin-not-correctable"));
                }
                else if (!RegistrationFields.Correctable.Contains(name, StringComparer.Ordinal))
                {
                    body.Add(name.Length > 64 ? name[..64] : name, "field-not-correctable", TextCatalog.Default.Text("operator.field-not-correctable", ("field", "'" + (name.Length > 64 ? name[..64] : name) + "'")));
                }
            }

            var given = document.RootElement.EnumerateObject().Select(p => p.Name).Where(n => RegistrationFields.Correctable.Contains(n, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => changes.Optional(n, int.MaxValue), StringComparer.Ordinal);
            foreach (var error in changes.Errors)
            {
                body.Add(error.Field, error.Code, error.Detail);
            }

            return given;
        }
    }

    /// <summary>The registration with the changes laid over it, validated as a registration is.</summary>
    private static (GraduateRecord? Updated, IReadOnlyList<FieldError> Errors) Apply(GraduateRecord g, IReadOnlyDictionary<string, string?> changes)
    {
        var merged = RegistrationFields.Of(g);
        foreach (var (field, value) in changes)
        {
            merged[field] = value;
        }

        var (parsed, errors) = GraduateFields.Parse(new Fields(merged), g.RegisteredAt);
        return parsed is null
            ? (null, errors)
            : (g with { FullName = parsed.FullName, Email = parsed.Email, Language = parsed.Language, Obligation = parsed.Obligation, University = parsed.University, ImportHash = parsed.ImportHash }, []);
    }
}
