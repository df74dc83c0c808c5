using System.Security.Cryptography;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>Registers graduates, finds them by IIN or id, and keeps their profile. The IIN index is its own table.</summary>
public sealed class Graduates(GraduateRegistry registry, IndexSync indexes, SetFeedConsent consents, TimeProvider time)
{
    public const string FeedConsentField = "feedConsent";

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
        var consent = FeedConsentOf(f);
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
        // Consent to the pension feed is not part of the registration's identity (not in the hash): a re-import may change it.
        var feed = consent is { } given ? new FeedState { Consent = given } : null;
        return (new GraduateRecord("", iinText, fullName, email, language, obligation, university, now, hash, Feed: feed), []);
    }

    /// <summary>The optional feedConsent field (as the consent route takes it: consented, refused, unknown, 511, 512).</summary>
    private static FeedConsent? FeedConsentOf(Fields f)
    {
        if (!f.Has(FeedConsentField))
        {
            return null;
        }

        var consent = SetFeedConsent.Parse(f.Optional(FeedConsentField, 20));
        if (consent is null)
        {
            f.Add(FeedConsentField, "consent-invalid", TextCatalog.Default.Text("feed.consent-invalid"));
        }

        return consent;
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

    public Task<Outcome<RegistrationResult>> RegisterAsync(GraduateRecord record, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(attempt => RegisterOnceAsync(record, attempt), () => RegisteredConcurrently, cancellationToken);

    public async Task<GraduateRecord?> FindByIinAsync(string iin, CancellationToken cancellationToken) =>
        Iin.Parse(iin).IsValid && await registry.IdOfAsync(iin, cancellationToken) is { } id ? await registry.GetAsync(id, cancellationToken) : null;

    /// <summary>The id the IIN index gives a valid IIN (its profile not read).</summary>
    public async Task<string?> IdByIinAsync(string iin, CancellationToken cancellationToken) =>
        Iin.Parse(iin).IsValid ? await registry.IdOfAsync(iin, cancellationToken) : null;

    public Task<GraduateRecord?> GetAsync(string graduateId, CancellationToken cancellationToken) => registry.GetAsync(graduateId, cancellationToken);

    public async Task<Outcome<GraduateView>> ProfileAsync(string iin, Language language, CancellationToken cancellationToken) =>
        await FindByIinAsync(iin, cancellationToken) is { } graduate ? Outcome<GraduateView>.Ok(GraduateView.Of(graduate, language)) : Problem.NotFound;

    public async Task<Outcome<GraduateView>> ByIdAsync(string graduateId, Language language, CancellationToken cancellationToken) =>
        await GetAsync(graduateId, cancellationToken) is { } graduate ? Outcome<GraduateView>.Ok(GraduateView.Of(graduate, language)) : Problem.NotFound;

    /// <summary>A graduate changes their e-mail and language (ETag-conditional, retried from fresh state on a concurrent change).</summary>
    public async Task<Outcome<GraduateView>> UpdateContactAsync(string iin, Fields fields, Language language, CancellationToken cancellationToken)
    {
        string? email = fields.Has("email") ? fields.Email("email") : null;
        Language? preferred = fields.OptionalEnum<Language>("language");
        if (fields.Errors.Count > 0)
        {
            return Problem.Invalid(fields.Errors);
        }

        return await RetryPolicy.RunAsync(attempt => UpdateContactOnceAsync(iin, email, preferred, language, attempt), () => Problem.ConcurrentUpdate, cancellationToken);
    }

    /// <summary>A new graduate as the operators' index first shows them: with the status their ledger has today.</summary>
    internal static GraduateRecord Indexed(GraduateRecord record, DateOnly today) =>
        record with { Status = record.Status ?? Obligations.Compute(record, [], today).Status };

    private static Problem RegisteredConcurrently => new(Refusal.Conflict, "graduate-exists", TextCatalog.Default.Text("problems.concurrent-registration"));

    private async Task<Outcome<RegistrationResult>> RegisterOnceAsync(GraduateRecord record, CancellationToken cancellationToken)
    {
        if (await FindByIinAsync(record.Iin, cancellationToken) is { } existing)
        {
            if (existing.ImportHash != record.ImportHash)
            {
                return new Problem(Refusal.Conflict, "graduate-exists", TextCatalog.Default.Text("problems.graduate-exists"),
                    Extensions: new Dictionary<string, object?> { ["graduateId"] = existing.Id });
            }

            await UpdateConsentAsync(existing, record, cancellationToken);
            return Outcome<RegistrationResult>.Ok(new RegistrationResult(existing.Id, false));
        }

        var id = GraduateStore.NewId('g');
        await registry.ClaimIinAsync(record.Iin, id, record.ImportHash, cancellationToken);
        await registry.AddAsync(record with { Id = id }, cancellationToken);
        await indexes.PlanRemindersAsync(id, rewrite: false, cancellationToken);
        return Outcome<RegistrationResult>.Created(new RegistrationResult(id, true));
    }

    /// <summary>The same registration sent again with another consent: the consent is recorded (the registration is unchanged).</summary>
    private async Task UpdateConsentAsync(GraduateRecord existing, GraduateRecord sent, CancellationToken cancellationToken)
    {
        if (sent.Feed?.Consent is { } consent && (existing.Feed?.Consent ?? FeedConsent.Unknown) != consent)
        {
            await consents.RunAsync(existing.Id, consent, cancellationToken);
        }
    }

    private async Task<Outcome<GraduateView>> UpdateContactOnceAsync(string iin, string? email, Language? preferred, Language language, CancellationToken cancellationToken)
    {
        if (await FindByIinAsync(iin, cancellationToken) is not { } graduate)
        {
            return Problem.NotFound;
        }

        var updated = graduate with { Email = email ?? graduate.Email, Language = preferred ?? graduate.Language };
        await registry.UpdateAsync(updated, cancellationToken);
        if (email is not null)
        {
            // Due reminders carry the address they go to.
            await indexes.PlanRemindersAsync(graduate.Id, rewrite: true, cancellationToken);
        }

        return Outcome<GraduateView>.Ok(GraduateView.Of(updated, language));
    }
}
