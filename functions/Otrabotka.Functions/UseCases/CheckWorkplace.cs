using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The public "will this job count?" pre-check: the domain's eligibility verdict for a category, level,
/// specialty group and workplace, with no person named. A workplace of several kinds counts when any kind does.
/// </summary>
public sealed class CheckWorkplace(TimeProvider time, Storage.EmployerRegistryStore registry)
{
    public const int MaxKinds = 7;

    private static readonly Text Counts = new("Бұл жұмыс жұмыспен өтеуге есептеледі.", "Эта работа засчитывается в отработку.", "This job counts towards the obligation.");
    private static readonly Text DoesNotCount = new("Бұл жұмыс жұмыспен өтеуге есептелмейді.", "Эта работа не засчитывается в отработку.", "This job does not count towards the obligation.");

    /// <summary>The verdict, with the registry's entry for an <c>employerBin</c> it knows (so a form can show it).</summary>
    public async Task<Outcome<CheckView>> RunAsync(Fields fields, Language language, CancellationToken cancellationToken)
    {
        var bin = Bin.Parse(fields.Optional("employerBin"));
        var outcome = Run(fields, language);
        return outcome.Value is { } view && bin.IsValid && await registry.FindAsync(bin.Value, cancellationToken) is { } entry
            ? Outcome<CheckView>.Ok(view with { Registry = Storage.EmployerRegistryView.Of(entry) })
            : outcome;
    }

    private Outcome<CheckView> Run(Fields fields, Language language)
    {
        var category = fields.Enum<Category>("category");
        var level = fields.Enum<Level>("level");
        var group = fields.Enum<SpecialtyGroup>("specialtyGroup");
        var kinds = Kinds(fields);
        var ownership = fields.Enum<Ownership>("ownership");
        var region = fields.Enum<Region>("region");
        var settlement = fields.Enum<SettlementType>("settlementType");
        var kato = fields.Optional("katoCode");
        var today = Almaty.Today(time);
        var graduation = fields.OptionalDate("graduationDate") ?? new DateOnly(today.Year, 6, 30);
        var admissionYear = fields.OptionalInt("admissionYear", 2000, today.Year + 1) ?? graduation.Year - 4;
        var start = fields.OptionalDate("startDate");
        if (fields.Errors.Count > 0)
        {
            return Problem.Invalid(fields.Errors);
        }

        var resolved = new Obligation(category, level, group, graduation, admissionYear, 0m).Resolve(RuleTable.Default);
        if (resolved.Value is not { } terms)
        {
            return Outcome<CheckView>.Ok(new CheckView(false, DoesNotCount.In(language), null, Views(resolved.Reasons, language), []));
        }

        // A workplace of several kinds counts when any kind does (the domain decides, as for documents).
        var best = EligibilityRules.Check(terms, new Workplace(kinds[0], ownership, region, settlement, kato, kinds), start ?? terms.Start);
        var view = new CheckTermsView(Names.Of(category).In(language), terms.RequiredMonths, terms.RequiredDays, terms.Start, LocationRule(terms, language));
        return Outcome<CheckView>.Ok(new CheckView(
            best.IsEligible, (best.IsEligible ? Counts : DoesNotCount).In(language), view, Views(best.Reasons, language), Views(best.Warnings, language)));
    }

    /// <summary><c>organisationKinds</c> (an array), or the single <c>organisationKind</c>.</summary>
    private static List<OrganisationKind> Kinds(Fields fields)
    {
        if (fields.Structured("organisationKinds") is not { } raw)
        {
            return [fields.Enum<OrganisationKind>("organisationKind")];
        }

        string[]? names;
        try
        {
            names = JsonSerializer.Deserialize<string[]>(raw);
        }
        catch (JsonException)
        {
            names = null;
        }

        var kinds = new List<OrganisationKind>();
        foreach (var name in names ?? [])
        {
            if (Wire.TryParse<OrganisationKind>(name, out var kind) && !kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
            else
            {
                kinds.Clear();
                break;
            }
        }

        if (kinds.Count is 0 or > MaxKinds)
        {
            fields.Add("organisationKinds", "invalid", new(
                "'organisationKinds' — ұйым түрлерінің тізімі (кемінде біреуі).",
                "'organisationKinds' — список видов организации (хотя бы один).",
                "'organisationKinds' must list one or more organisation kinds."));
            return [default];
        }

        return kinds;
    }

    private static string LocationRule(ObligationTerms terms, Language language) => (terms.Category.Location switch
    {
        LocationConstraint.Rural => new Text("Жұмыс ауылдық елді мекенде болуы керек.", "Работа должна быть в сельском населённом пункте.", "The work must be in a rural settlement."),
        LocationConstraint.SerpinRegions => new Text("Жұмыс «Серпін» өңірлерінің бірінде болуы керек.", "Работа должна быть в одном из регионов «Серпін».", "The work must be in one of the Serpin regions."),
        _ => new Text("Жұмыс кез келген өңірде болуы мүмкін.", "Работа может быть в любом регионе.", "The work may be anywhere in Kazakhstan."),
    }).In(language);

    private static List<CheckReasonView> Views(IEnumerable<Reason> reasons, Language language) =>
        reasons.Select(r => new CheckReasonView(r.Code, r.Message.In(language), r.Law?.In(language))).ToList();
}
