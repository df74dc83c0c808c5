using System.Security.Cryptography;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>One graduate's fields (JSON body or CSV row) validated into a record.</summary>
public static class GraduateFields
{
    public const string FeedConsentField = "feedConsent";

    /// <summary>The columns every graduates' CSV must have (the others — language, grantMonths, normativeMonths, feedConsent — may be left out).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["iin", "fullName", "email", "category", "level", "specialtyGroup", "graduationDate", "admissionYear", "budgetCost", "university"];

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
        foreach (var reason in obligation.Resolve(RuleTable.Default).Reasons)
        {
            f.AddReasons(FieldOf(reason), [reason]);
        }

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

    /// <summary>The field a rule's reason names: the impossible amount and date their own fields, the rest the category.</summary>
    private static string FieldOf(Reason reason) =>
        reason == DomainReasons.BudgetCostTooLarge ? "budgetCost"
        : reason == DomainReasons.GraduationTooLate ? "graduationDate"
        : "category";
}
