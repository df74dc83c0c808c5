using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Http;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

public sealed record GraduateView(
    string GraduateId, string Iin, string FullName, string Email, Language Language, Category Category, string CategoryName,
    Level Level, SpecialtyGroup SpecialtyGroup, DateOnly GraduationDate, int AdmissionYear, decimal BudgetCost, string University,
    int? GrantMonths, int? NormativeMonths, DateOnly ObligationStart, ObligationStatus? Status, Region? Region)
{
    public static GraduateView Of(GraduateRecord g, Language language) => new(
        g.Id, g.Iin, g.FullName, g.Email, g.Language, g.Obligation.Category, Names.Of(g.Obligation.Category).In(language), g.Obligation.Level,
        g.Obligation.Group, g.Obligation.GraduationDate, g.Obligation.AdmissionYear, g.Obligation.BudgetCost, g.University,
        g.Obligation.GrantMonths, g.Obligation.NormativeMonths, g.Obligation.Start, g.Status, g.Region);
}

public sealed record RegistrationResult(string GraduateId, bool Created);

/// <summary>Registers graduates, finds them by IIN or id, and keeps their profile. The IIN index is its own table.</summary>
public sealed class Graduates(StorageClients storage, ReminderPlanner reminders, IinIndexKeys iinKeys, TimeProvider time)
{
    private TableClient Table => storage.Table(StorageNames.GraduatesTable);
    private TableClient IinIndex => storage.Table(StorageNames.IinIndexTable);

    /// <summary>Validates one graduate's fields (JSON body or CSV row) into a record, or the field errors.</summary>
    public static (GraduateRecord? Record, IReadOnlyList<FieldError> Errors) Parse(Fields f, DateTimeOffset now)
    {
        var iinText = f.Required("iin");
        if (iinText.Length > 0)
        {
            f.AddReasons("iin", Iin.Parse(iinText).Reasons);
        }

        var fullName = f.Required("fullName", 200);
        var email = f.Email("email");
        var language = f.Has("language") ? f.Enum<Language>("language") : Language.Kk;
        var category = f.Enum<Category>("category");
        var level = f.Enum<Level>("level");
        var group = f.Enum<SpecialtyGroup>("specialtyGroup");
        var graduation = f.Date("graduationDate");
        var admission = f.Int("admissionYear", 1990, 2100);
        var cost = f.Money("budgetCost");
        var university = f.Required("university", 300);
        var grant = f.OptionalInt("grantMonths", 1, 120);
        var normative = f.OptionalInt("normativeMonths", 1, 120);
        if (f.Errors.Count > 0)
        {
            return (null, f.Errors);
        }

        if (admission > graduation.Year)
        {
            f.Add("admissionYear", "after-graduation", TextCatalog.Default.Text("problems.admission-after-graduation"));
        }

        var obligation = new Obligation(category, level, group, graduation, admission, cost, grant, normative);
        f.AddReasons("category", obligation.Resolve(RuleTable.Default).Reasons);
        if (f.Errors.Count > 0)
        {
            return (null, f.Errors);
        }

        var hashInput = string.Join('\u001f', iinText, fullName, email, Wire.Name(language), Wire.Name(category), Wire.Name(level), Wire.Name(group),
            GraduateStore.Iso(graduation), admission, cost.ToString(System.Globalization.CultureInfo.InvariantCulture), university, grant, normative);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashInput)));
        return (new GraduateRecord("", iinText, fullName, email, language, obligation, university, now, hash), []);
    }

    /// <summary>Registers, or recognises the same graduate registered before (unchanged), or refuses a changed one (409).</summary>
    public async Task<Outcome<RegistrationResult>> RegisterAsync(Fields fields, CancellationToken cancellationToken)
    {
        var (record, errors) = Parse(fields, time.GetUtcNow());
        if (record is null)
        {
            return Problem.Invalid(errors);
        }

        return await RegisterAsync(record, cancellationToken);
    }

    public async Task<Outcome<RegistrationResult>> RegisterAsync(GraduateRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await FindByIinAsync(record.Iin, cancellationToken);
            if (existing is not null)
            {
                return existing.ImportHash == record.ImportHash
                    ? Outcome<RegistrationResult>.Ok(new RegistrationResult(existing.Id, false))
                    : new Problem(409, "graduate-exists", TextCatalog.Default.Text("problems.graduate-exists"),
                        Extensions: new Dictionary<string, object?> { ["graduateId"] = existing.Id });
            }

            var id = GraduateStore.NewId('g');
            var (partition, row) = IinKeys(record.Iin);
            try
            {
                // The index first: it decides who owns the IIN; a profile without it is never reachable.
                await IinIndex.AddEntityAsync(new TableEntity(partition, row) { ["GraduateId"] = id, ["ImportHash"] = record.ImportHash }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var stale = await IinIndex.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
                var owner = stale.Value.GetString("GraduateId")!;
                if (await GetAsync(owner, cancellationToken) is null)
                {
                    // A registration that stopped between index and profile: take the id over.
                    await IinIndex.UpdateEntityAsync(new TableEntity(partition, row) { ["GraduateId"] = id }, stale.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    continue;
                }
            }

            await Table.AddEntityAsync(GraduateStore.ToEntity(record with { Id = id }), cancellationToken);
            await reminders.RefreshAsync(id, cancellationToken);
            return Outcome<RegistrationResult>.Ok(new RegistrationResult(id, true), 201);
        }

        return new Problem(409, "graduate-exists", TextCatalog.Default.Text("problems.concurrent-registration"));
    }

    public async Task<GraduateRecord?> FindByIinAsync(string iin, CancellationToken cancellationToken)
    {
        if (!Iin.Parse(iin).IsValid)
        {
            return null;
        }

        var (partition, row) = IinKeys(iin);
        var index = await IinIndex.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return index.HasValue && index.Value is { } entry ? await GetAsync(entry.GetString("GraduateId")!, cancellationToken) : null;
    }

    public async Task<GraduateRecord?> GetAsync(string graduateId, CancellationToken cancellationToken)
    {
        if (!GraduateData.SafeKey(graduateId))
        {
            return null;
        }

        var found = await Table.GetEntityIfExistsAsync<TableEntity>(graduateId, GraduateStore.ProfileKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } e ? GraduateStore.ToGraduate(e) : null;
    }

    public async Task<Outcome<GraduateView>> ProfileAsync(string iin, Language language, CancellationToken cancellationToken) =>
        await FindByIinAsync(iin, cancellationToken) is { } g ? Outcome<GraduateView>.Ok(GraduateView.Of(g, language)) : Problem.NotFound;

    public async Task<Outcome<GraduateView>> ByIdAsync(string graduateId, Language language, CancellationToken cancellationToken) =>
        await GetAsync(graduateId, cancellationToken) is { } g ? Outcome<GraduateView>.Ok(GraduateView.Of(g, language)) : Problem.NotFound;

    /// <summary>A graduate changes their e-mail and language (ETag-conditional, retried from fresh state on 412).</summary>
    public async Task<Outcome<GraduateView>> UpdateContactAsync(string iin, Fields fields, Language language, CancellationToken cancellationToken)
    {
        string? email = fields.Has("email") ? fields.Email("email") : null;
        Language? preferred = fields.OptionalEnum<Language>("language");
        if (fields.Errors.Count > 0)
        {
            return Problem.Invalid(fields.Errors);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var g = await FindByIinAsync(iin, cancellationToken);
            if (g is null)
            {
                return Problem.NotFound;
            }

            var updated = g with { Email = email ?? g.Email, Language = preferred ?? g.Language };
            try
            {
                await Table.UpdateEntityAsync(GraduateStore.ToEntity(updated), g.ETag, TableUpdateMode.Replace, cancellationToken);
                if (email is not null)
                {
                    // Due reminders carry the address they go to.
                    await reminders.RefreshAsync(g.Id, cancellationToken, rewrite: true);
                }

                return Outcome<GraduateView>.Ok(GraduateView.Of(updated, language));
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
            }
        }

        return Conflict;
    }

    internal static Problem Conflict => new(409, "concurrent-update", TextCatalog.Default.Text("problems.concurrent-update"));

    internal (string Partition, string Row) IinKeys(string iin) => iinKeys.For(iin);
}
