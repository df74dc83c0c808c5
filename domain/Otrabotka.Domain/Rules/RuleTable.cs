using System.Text.Json;

namespace Otrabotka.Domain;

/// <summary>What a category demands of one specialty group: the organisation kinds where the work counts.</summary>
public sealed record GroupRule(SpecialtyGroup Group, uint KindMask)
{
    public const uint AnyKind = uint.MaxValue;

    public bool Allows(OrganisationKind kind) => (KindMask & (1u << (int)kind)) != 0;

    public IEnumerable<OrganisationKind> AllowedKinds => Enum.GetValues<OrganisationKind>().Where(Allows);
}

/// <summary>One category's rule: duration, levels, where the work must be, the groups, exemptions, deferrals.</summary>
public sealed record CategoryRule(
    Category Category,
    int Months,
    IReadOnlySet<Level> Levels,
    LocationConstraint Location,
    IReadOnlyList<GroupRule?> Groups,
    IReadOnlySet<ExemptionGround> ExemptionGrounds,
    bool MilitaryDeferral)
{
    /// <summary>The rule for a group, or null where the group does not belong to the category.</summary>
    public GroupRule? For(SpecialtyGroup group) => Groups[(int)group];
}

/// <summary>One version of the whole table, in force for graduates admitted from a given year.</summary>
public sealed record RuleSet(
    int FromAdmissionYear,
    IReadOnlyList<CategoryRule> Categories,
    uint SerpinRegionMask,
    int AtRiskGapDays,
    int ReconfirmationMonths,
    int MaxStartAheadMonths)
{
    public CategoryRule For(Category category) => Categories[(int)category];

    public bool IsSerpinRegion(Region region) => (SerpinRegionMask & (1u << (int)region)) != 0;

    public IEnumerable<Region> SerpinRegions => Enum.GetValues<Region>().Where(IsSerpinRegion);
}

/// <summary>
/// The rule table: data, not code. The domain parses a JSON table it is handed; the default one is
/// embedded (Rules/rule-table.json), so an operator's correction is a data change.
/// </summary>
public sealed class RuleTable
{
    private readonly RuleSet[] versions;

    private RuleTable(RuleSet[] versions) => this.versions = versions;

    public IReadOnlyList<RuleSet> Versions => versions;

    public static RuleTable Default { get; } = LoadDefault();

    /// <summary>The first admission year the table covers: earlier years have no rules [decision].</summary>
    public int FirstAdmissionYear => versions[0].FromAdmissionYear;

    /// <summary>The version in force for an admission year: the latest that starts no later than it; null before the first.</summary>
    public RuleSet? Find(int admissionYear)
    {
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            if (versions[i].FromAdmissionYear <= admissionYear)
            {
                return versions[i];
            }
        }

        return null;
    }

    /// <summary>The version in force for an admission year the table covers (see <see cref="Find"/>).</summary>
    public RuleSet For(int admissionYear) =>
        Find(admissionYear) ?? throw new ArgumentOutOfRangeException(nameof(admissionYear), admissionYear, $"The rule table starts with admission year {FirstAdmissionYear}.");

    /// <summary>Parses a table; an invalid one is refused with every problem named (wrong value types included), never thrown.</summary>
    public static Checked<RuleTable> Parse(string json)
    {
        var problems = new List<string>();
        var parsed = new List<RuleSet>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var parser = new RuleTableParser();
            parsed = parser.Versions(document.RootElement);
            problems.AddRange(parser.Problems);
        }
        catch (JsonException ex)
        {
            problems.Add("not JSON: " + ex.Message);
        }

        if (problems.Count == 0)
        {
            return Checked<RuleTable>.Ok(new RuleTable([.. parsed.OrderBy(v => v.FromAdmissionYear)]));
        }

        var detail = string.Join("; ", problems);
        return Checked<RuleTable>.Fail(new Reason("rule-table-invalid", new Text("Ережелер кестесі қате: " + detail, "Таблица правил неверна: " + detail, "The rule table is invalid: " + detail)));
    }

    private static RuleTable LoadDefault()
    {
        using var stream = typeof(RuleTable).Assembly.GetManifestResourceStream("Otrabotka.Domain.rule-table.json")
            ?? throw new InvalidOperationException("The embedded rule table is missing.");
        using var reader = new StreamReader(stream);
        var table = Parse(reader.ReadToEnd());
        return table.IsValid ? table.Value! : throw new InvalidOperationException(table.Reasons[0].Message.En);
    }
}
