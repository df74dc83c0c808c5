using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Keeps the reminder due index (one table, PartitionKey = due date, RowKey = the reminder's de-duplication
/// key) in step with a graduate's facts. Called after every status change; each due row carries what its
/// message needs, so a daily run reads the rows that are due and nothing else.
/// </summary>
public sealed class ReminderPlanner(StorageClients storage, GraduateData data, TimeProvider time)
{
    public const string PlanKey = "plan";

    public async Task RefreshAsync(string graduateId, CancellationToken cancellationToken, bool rewrite = false)
    {
        var table = storage.Table(StorageNames.GraduatesTable);
        var due = storage.Table(StorageNames.ReminderDueTable);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var profile = await table.GetEntityIfExistsAsync<TableEntity>(graduateId, GraduateStore.ProfileKey, cancellationToken: cancellationToken);
            if (!profile.HasValue || profile.Value is null)
            {
                return;
            }

            var g = GraduateStore.ToGraduate(profile.Value);
            var documents = await data.DocumentsAsync(g.Id, cancellationToken);
            var today = Almaty.Today(time);
            var ledger = Obligations.Compute(g, documents, today);
            var plan = ReminderPolicy.Plan(Facts(g, documents, ledger, today));
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(g.Id, PlanKey, cancellationToken: cancellationToken);
            var old = stored.HasValue && stored.Value is { } s ? JsonSerializer.Deserialize<List<string>>(s.GetString("Rows") ?? "[]") ?? [] : [];
            var next = plan.Select(r => $"{GraduateStore.Iso(r.DueOn)}#{r.Key}").ToList();
            var planEntity = new TableEntity(g.Id, PlanKey) { ["Rows"] = JsonSerializer.Serialize(next) };
            try
            {
                if (stored.HasValue && stored.Value is { } existing)
                {
                    await table.UpdateEntityAsync(planEntity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(planEntity, cancellationToken);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            foreach (var gone in old.Except(next))
            {
                var (date, key) = Split(gone);
                await due.DeleteEntityAsync(date, key, ETag.All, cancellationToken);
            }

            var documentsById = documents.ToDictionary(d => d.Id);
            foreach (var reminder in plan.Where(r => rewrite ? r.DueOn >= today : !old.Contains($"{GraduateStore.Iso(r.DueOn)}#{r.Key}")))
            {
                await due.UpsertEntityAsync(Row(g, reminder, reminder.DocumentId is { } id ? documentsById.GetValueOrDefault(id) : null), TableUpdateMode.Replace, cancellationToken);
            }

            return;
        }
    }

    /// <summary>A new graduate's plan row and due rows, from the record alone (no documents yet): an import writes them in batches.</summary>
    public static (TableEntity Plan, IReadOnlyList<TableEntity> Due) Initial(GraduateRecord g, DateOnly today)
    {
        var plan = ReminderPolicy.Plan(Facts(g, [], Obligations.Compute(g, [], today), today));
        var rows = plan.Select(r => $"{GraduateStore.Iso(r.DueOn)}#{r.Key}").ToList();
        return (new TableEntity(g.Id, PlanKey) { ["Rows"] = JsonSerializer.Serialize(rows) }, plan.Select(r => Row(g, r, null)).ToList());
    }

    public static ReminderFacts Facts(GraduateRecord g, IReadOnlyList<DocumentRow> documents, Ledger ledger, DateOnly today)
    {
        var live = documents.Where(d => d.Status is not (DocumentStatus.Rejected or DocumentStatus.Withdrawn)).ToList();
        var accepted = documents.Where(d => d.Status == DocumentStatus.Accepted).ToList();
        var pending = live.Where(d => d.Status == DocumentStatus.AwaitingEmployer && d.TokenIssuedAt is not null)
            .Select(d => new PendingConfirmation(d.Id, Almaty.DateOf(d.TokenIssuedAt!.Value))).ToList();
        var openJob = ledger.Periods.Where(p => p.Kind == PeriodKind.Employment && p.To is null).OrderByDescending(p => p.From).FirstOrDefault();
        var lastConfirmation = accepted.Where(d => d.Kind == DocumentKind.EmploymentConfirmation).OrderByDescending(d => d.UpdatedAt).FirstOrDefault();
        var employments = openJob is null || lastConfirmation is null ? new List<ActiveEmployment>()
            : [new ActiveEmployment(openJob.Source, Almaty.DateOf(lastConfirmation.UpdatedAt) > openJob.From ? Almaty.DateOf(lastConfirmation.UpdatedAt) : openJob.From)];
        var deferrals = ledger.Periods.Where(p => p.Kind == PeriodKind.MilitaryService && p.To is { } end && end >= today)
            .Select(p => new ActiveDeferral(p.Source, p.To!.Value)).ToList();
        var gapStart = LedgerRules.GapStart(ledger.Start, ledger.Periods);
        var closed = ledger.Status is ObligationStatus.Completed or ObligationStatus.Exempt or ObligationStatus.Defaulted;
        var completesOn = ledger.Status is ObligationStatus.Exempt or ObligationStatus.Defaulted ? null : ledger.ProjectedCompletion;
        var hasProof = live.Any(d => d.Kind is DocumentKind.EmploymentConfirmation or DocumentKind.ExemptionProof or DocumentKind.DeferralProof or DocumentKind.UnemploymentRegistration)
            || g.Feed?.Periods.Count > 0;
        var rules = g.Obligation.Resolve(RuleTable.Default).Value!.Rules;
        return new ReminderFacts(g.Id, ledger.Start, closed, hasProof, pending, employments, deferrals, gapStart, rules.AtRiskGapDays, rules.ReconfirmationMonths, completesOn,
            g.Feed?.ConfirmsEmployment(g.Iin, today) ?? false);
    }

    private static TableEntity Row(GraduateRecord g, PlannedReminder r, DocumentRow? document)
    {
        var row = new TableEntity(GraduateStore.Iso(r.DueOn), r.Key)
        {
            ["GraduateId"] = g.Id,
            ["Kind"] = Wire.Name(r.Kind),
            ["Recipient"] = Wire.Name(r.Recipient),
            ["Series"] = $"{g.Id}|{Wire.Name(r.Kind)}|{Wire.Name(r.Recipient)}|{r.DocumentId}",
            ["DocumentId"] = r.DocumentId,
            ["To"] = g.Email,
            ["Name"] = g.FullName,
            ["Language"] = Wire.Name(g.Language),
        };
        if (NoticeModel.SexOf(g.Iin) is { } sex)
        {
            row["Sex"] = Wire.Name(sex);
        }

        if (g.Obligation.Resolve(RuleTable.Default).Value is { } terms)
        {
            row["AtRiskGapDays"] = terms.Rules.AtRiskGapDays;
            row["ReconfirmationMonths"] = terms.Rules.ReconfirmationMonths;
        }

        if (document is not null && document.Kind == DocumentKind.EmploymentConfirmation)
        {
            var job = DocumentMetadata.Read<EmploymentMeta>(document.Metadata);
            row["EmployerEmail"] = job.EmployerEmail;
            row["EmployerName"] = job.EmployerName;
            row["TokenVersion"] = document.TokenVersion;
            row["TokenIssuedAt"] = document.TokenIssuedAt;
        }

        if (r.Kind == ReminderKind.DeferralEnding && document is not null)
        {
            row["Date"] = GraduateStore.Iso(DocumentMetadata.Read<DeferralMeta>(document.Metadata).ServiceEnd ?? r.DueOn);
        }

        return row;
    }

    private static (string Date, string Key) Split(string entry) => (entry[..10], entry[11..]);
}

public sealed record ReminderRunResult(DateOnly Date, int EntitiesRead, int Sent, int AlreadySent, int Superseded);

/// <summary>
/// The daily reminder run for an Almaty date: reads the due index up to that date (days missed in downtime
/// are caught up), sends the latest step of each series once — a marker row inserted with the outbox row
/// in one transaction makes a second send answer 409 — and removes what it handled.
/// </summary>
public sealed class RunReminders(StorageClients storage, Outbox outbox, EmployerTokens tokens, IOptions<OtrabotkaSettings> settings, TimeProvider time)
{
    public const string MarkerPrefix = "rem|";

    public DateOnly Today() => Almaty.Today(time);

    public async Task<ReminderRunResult> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken) =>
        await ProcessAsync(date, await DueAsync(date, null, cancellationToken), trigger, cancellationToken);

    /// <summary>The due index's rows up to the date (all of them, or the first <paramref name="limit"/>).</summary>
    public async Task<List<TableEntity>> DueAsync(DateOnly date, int? limit, CancellationToken cancellationToken)
    {
        var due = storage.Table(StorageNames.ReminderDueTable);
        var rows = new List<TableEntity>();
        await foreach (var row in due.QueryAsync<TableEntity>($"PartitionKey le '{GraduateStore.Iso(date)}'", maxPerPage: limit is { } top ? Math.Min(top, 1000) : null, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count == limit)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Sends the latest step of each series among the rows once and removes the rows.</summary>
    public async Task<ReminderRunResult> ProcessAsync(DateOnly date, IReadOnlyList<TableEntity> rows, string trigger, CancellationToken cancellationToken)
    {
        var due = storage.Table(StorageNames.ReminderDueTable);
        int sent = 0, already = 0, superseded = 0;
        foreach (var series in rows.GroupBy(r => r.GetString("Series")))
        {
            var ordered = series.OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ToList();
            var latest = ordered[^1];
            if (await SendAsync(latest, cancellationToken))
            {
                sent++;
            }
            else
            {
                already++;
            }

            foreach (var row in ordered)
            {
                superseded += row == latest ? 0 : 1;
                await due.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }

        var result = new ReminderRunResult(date, rows.Count, sent, already, superseded);
        await storage.Table(StorageNames.ReminderRunsTable).UpsertEntityAsync(
            new TableEntity("run", GraduateStore.Iso(date))
            {
                ["Trigger"] = trigger,
                ["StartedAt"] = time.GetUtcNow(),
                ["EntitiesRead"] = result.EntitiesRead,
                ["Sent"] = result.Sent,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return result;
    }

    /// <summary>Sends one due row's reminder unless its marker exists (false then); a run's chunks tag the marker with their run.</summary>
    public async Task<bool> SendAsync(TableEntity row, CancellationToken cancellationToken, string? runId = null)
    {
        var graduateId = row.GetString("GraduateId")!;
        Wire.TryParse<ReminderKind>(row.GetString("Kind"), out var kind);
        Wire.TryParse<Language>(row.GetString("Language"), out var language);
        var employer = row.GetString("Recipient") == "employer";
        string? link = null;
        if (row.GetString("EmployerEmail") is { } employerEmail && row.GetDateTimeOffset("TokenIssuedAt") is { } issued && row.GetString("DocumentId") is { } documentId)
        {
            // The same token as the first e-mail: HMAC of the same claim.
            link = tokens.Link(settings.Value.PublicBaseUrl, tokens.Issue(new EmployerClaim(graduateId, documentId, employerEmail, row.GetInt32("TokenVersion") ?? 1, issued)));
        }

        var notification = kind switch
        {
            ReminderKind.NoEmploymentProof => NotificationKind.ReminderNoEmploymentProof,
            ReminderKind.EmployerNoAnswer => NotificationKind.ReminderEmployerNoAnswer,
            ReminderKind.EmployerSilent => NotificationKind.ReminderEmployerSilent,
            ReminderKind.ReconfirmationDue => NotificationKind.ReminderReconfirmation,
            ReminderKind.DeferralEnding => NotificationKind.ReminderDeferralEnding,
            ReminderKind.ObligationCompleted => NotificationKind.ObligationCompleted,
            _ => NotificationKind.ReminderAtRisk,
        };
        var model = new NoticeModel(
            GraduateName: row.GetString("Name"), EmployerName: row.GetString("EmployerName"), Link: link,
            Date: row.GetString("Date") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null)
        {
            GraduateSex = Wire.TryParse<Sex>(row.GetString("Sex"), out var sex) ? sex : null,
            AtRiskGapDays = row.GetInt32("AtRiskGapDays"),
            ReconfirmationMonths = row.GetInt32("ReconfirmationMonths"),
        };
        var to = employer ? row.GetString("EmployerEmail")! : row.GetString("To")!;
        var (id, action) = outbox.Row(graduateId, to, notification, language, model, bilingual: employer);
        var marker = new TableEntity(graduateId, MarkerPrefix + row.RowKey.Replace('/', '_')) { ["SentAt"] = time.GetUtcNow(), ["NotificationId"] = id, ["RunId"] = runId };
        try
        {
            await outbox.CommitAsync(graduateId, [new(TableTransactionActionType.Add, marker), action], [id], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
