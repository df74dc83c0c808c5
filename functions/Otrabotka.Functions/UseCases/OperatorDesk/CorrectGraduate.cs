using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
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
public sealed class CorrectGraduate(Graduates graduates, GraduateData data, GraduateCorrections corrections, Outbox outbox, IndexSync indexes, ReminderPlanner reminders, TimeProvider time)
{
    private const int MaxRounds = 5;

    public static Problem PreconditionFailed => new(412, "precondition-failed", TextCatalog.Default.Text("operator.precondition-failed"));

    public async Task<Outcome<OperatorGraduateView>> OpenAsync(GraduateRecord g, Language language, CancellationToken cancellationToken) =>
        Outcome<OperatorGraduateView>.Ok(new OperatorGraduateView(GraduateView.Of(g, language), g.ETag.ToString(), await corrections.NewestAsync(g.Id, cancellationToken)));

    public async Task<Outcome<OperatorGraduateView>> CorrectAsync(string graduateId, Fields body, string? ifMatch, string actorId, Language language, CancellationToken cancellationToken)
    {
        var reason = body.Required("reason", Fields.DefaultMaxLength);
        var changes = Changes(body);
        if (body.Errors.Count > 0)
        {
            return Problem.Invalid(body.Errors);
        }

        for (var round = 0; round < MaxRounds; round++)
        {
            var g = await graduates.GetAsync(graduateId, cancellationToken);
            if (g is null)
            {
                return Problem.NotFound;
            }

            if (ifMatch is not null && ifMatch != g.ETag.ToString())
            {
                return PreconditionFailed;
            }

            var (updated, errors) = Apply(g, changes!);
            if (updated is null)
            {
                return Problem.Invalid(errors);
            }

            var diff = RegistrationFields.Diff(g, updated);
            if (diff.Count == 0)
            {
                return await OpenAsync(g, language, cancellationToken);
            }

            if (await TryCommitAsync(g, updated, diff, reason, actorId, cancellationToken))
            {
                await AfterAsync(g, updated, cancellationToken);
                return await OpenAsync((await graduates.GetAsync(graduateId, cancellationToken))!, language, cancellationToken);
            }

            if (ifMatch is not null)
            {
                return PreconditionFailed;
            }
        }

        return Graduates.Conflict;
    }

    /// <summary>The body's "changes" object as fields, with an error for a missing object, the IIN, or a field that may not change.</summary>
    private static Dictionary<string, string?>? Changes(Fields body)
    {
        var raw = body.Optional("changes", 60_000);
        JsonDocument? document = null;
        try
        {
            document = raw is null ? null : JsonDocument.Parse(raw);
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

        var (parsed, errors) = Graduates.Parse(new Fields(merged), g.RegisteredAt);
        return parsed is null
            ? (null, errors)
            : (g with { FullName = parsed.FullName, Email = parsed.Email, Language = parsed.Language, Obligation = parsed.Obligation, University = parsed.University, ImportHash = parsed.ImportHash }, []);
    }

    private async Task<bool> TryCommitAsync(GraduateRecord g, GraduateRecord updated, IReadOnlyList<FieldChange> diff, string reason, string actorId, CancellationToken cancellationToken)
    {
        var today = Almaty.Today(time);
        var documents = await data.DocumentsAsync(g.Id, cancellationToken);
        var before = Obligations.Compute(g, documents, today);
        var after = Obligations.Compute(updated, documents, today);
        var changed = before.Status != after.Status || before.Start != after.Start || before.RequiredDays != after.RequiredDays
            || before.CreditedDays != after.CreditedDays || before.OwedIfStopped != after.OwedIfStopped || before.ProjectedCompletion != after.ProjectedCompletion;
        var correction = new CorrectionView(GraduateStore.NewId('c'), time.GetUtcNow(), "operator", actorId, reason, diff, changed);
        var (syncId, sync) = outbox.IndexRow(g.Id, null);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, GraduateStore.ToEntity(updated), g.ETag), GraduateCorrections.Add(g.Id, correction), sync };
        var ids = new List<string> { syncId };
        if (changed)
        {
            var (noticeId, notice) = outbox.Row(g.Id, updated.Email, NotificationKind.ObligationCorrected, updated.Language, new NoticeModel(
                GraduateName: updated.FullName, Date: after.ProjectedCompletion, Amount: after.OwedIfStopped, RequiredDays: after.RequiredDays, CreditedDays: after.CreditedDays)
            { GraduateSex = NoticeModel.SexOf(g.Iin) });
            actions.Add(notice);
            ids.Add(noticeId);
        }

        try
        {
            await outbox.CommitAsync(g.Id, actions, ids, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private async Task AfterAsync(GraduateRecord before, GraduateRecord updated, CancellationToken cancellationToken)
    {
        if (before.Email != updated.Email)
        {
            // Due reminders carry the address they go to.
            await reminders.RefreshAsync(updated.Id, cancellationToken, rewrite: true);
        }

        await indexes.RunAsync(updated.Id, null, cancellationToken);
    }
}
