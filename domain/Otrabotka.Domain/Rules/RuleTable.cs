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
    int ReconfirmationMonths)
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

    /// <summary>The version in force for an admission year: the latest that starts no later than it.</summary>
    public RuleSet For(int admissionYear)
    {
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            if (versions[i].FromAdmissionYear <= admissionYear)
            {
                return versions[i];
            }
        }

        return versions[0];
    }

    /// <summary>Parses a table; an invalid one is refused with every problem named.</summary>
    public static Checked<RuleTable> Parse(string json)
    {
        var problems = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var parsed = new List<RuleSet>();
            if (!document.RootElement.TryGetProperty("versions", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                problems.Add("'versions' must be a non-empty array");
            }
            else
            {
                foreach (var version in list.EnumerateArray())
                {
                    if (ParseVersion(version, problems) is { } set)
                    {
                        parsed.Add(set);
                    }
                }
            }

            if (problems.Count == 0)
            {
                return Checked<RuleTable>.Ok(new RuleTable([.. parsed.OrderBy(v => v.FromAdmissionYear)]));
            }
        }
        catch (JsonException ex)
        {
            problems.Add("not JSON: " + ex.Message);
        }

        var detail = string.Join("; ", problems);
        return Checked<RuleTable>.Fail(new Reason("rule-table-invalid", new Text("Ережелер кестесі қате: " + detail, "Таблица правил неверна: " + detail, "The rule table is invalid: " + detail)));
    }

    private static RuleSet? ParseVersion(JsonElement version, List<string> problems)
    {
        var from = version.TryGetProperty("fromAdmissionYear", out var f) && f.TryGetInt32(out var year) ? year : 0;
        if (from == 0)
        {
            problems.Add("a version lacks 'fromAdmissionYear'");
        }

        uint serpin = 0;
        if (version.TryGetProperty("serpinRegions", out var regions))
        {
            foreach (var r in regions.EnumerateArray())
            {
                if (Wire.TryParse<Region>(r.GetString(), out var region))
                {
                    serpin |= 1u << (int)region;
                }
                else
                {
                    problems.Add($"unknown region '{r.GetString()}'");
                }
            }
        }

        var categories = new CategoryRule?[Enum.GetValues<Category>().Length];
        if (version.TryGetProperty("categories", out var cats))
        {
            foreach (var c in cats.EnumerateObject())
            {
                if (!Wire.TryParse<Category>(c.Name, out var category))
                {
                    problems.Add($"unknown category '{c.Name}'");
                    continue;
                }

                categories[(int)category] = ParseCategory(category, c.Value, problems);
            }
        }

        foreach (var category in Enum.GetValues<Category>().Where(c => categories[(int)c] is null))
        {
            problems.Add($"version {from}: category '{Wire.Name(category)}' is missing");
        }

        var gap = version.TryGetProperty("atRiskGapDays", out var g) ? g.GetInt32() : 90;
        var reconfirm = version.TryGetProperty("reconfirmationMonths", out var m) ? m.GetInt32() : 6;
        return problems.Count == 0 ? new RuleSet(from, categories!, serpin, gap, reconfirm) : null;
    }

    private static CategoryRule? ParseCategory(Category category, JsonElement e, List<string> problems)
    {
        var name = Wire.Name(category);
        var months = e.TryGetProperty("months", out var m) && m.TryGetInt32(out var v) && v > 0 ? v : 0;
        if (months == 0)
        {
            problems.Add($"{name}: 'months' must be a positive whole number");
        }

        var levels = ParseSet<Level>(e, "levels", name, problems);
        var grounds = ParseSet<ExemptionGround>(e, "exemptionGrounds", name, problems);
        LocationConstraint location = LocationConstraint.Anywhere;
        if (!e.TryGetProperty("location", out var loc) || !Wire.TryParse(loc.GetString(), out location))
        {
            problems.Add($"{name}: 'location' must be anywhere, rural or serpin-regions");
        }

        var groups = new GroupRule?[Enum.GetValues<SpecialtyGroup>().Length];
        uint? wildcard = null;
        if (e.TryGetProperty("groups", out var gs))
        {
            foreach (var g in gs.EnumerateObject())
            {
                var mask = 0u;
                foreach (var k in g.Value.EnumerateArray())
                {
                    if (k.GetString() == "*")
                    {
                        mask = GroupRule.AnyKind;
                    }
                    else if (Wire.TryParse<OrganisationKind>(k.GetString(), out var kind))
                    {
                        mask |= 1u << (int)kind;
                    }
                    else
                    {
                        problems.Add($"{name}: unknown organisation kind '{k.GetString()}'");
                    }
                }

                if (g.Name == "*")
                {
                    wildcard = mask;
                }
                else if (Wire.TryParse<SpecialtyGroup>(g.Name, out var group))
                {
                    groups[(int)group] = new GroupRule(group, mask);
                }
                else
                {
                    problems.Add($"{name}: unknown specialty group '{g.Name}'");
                }
            }
        }

        if (wildcard is { } any)
        {
            foreach (var group in Enum.GetValues<SpecialtyGroup>())
            {
                groups[(int)group] ??= new GroupRule(group, any);
            }
        }

        var military = !e.TryGetProperty("militaryDeferral", out var md) || md.GetBoolean();
        return new CategoryRule(category, months, levels, location, groups, grounds, military);
    }

    private static HashSet<T> ParseSet<T>(JsonElement e, string property, string owner, List<string> problems) where T : struct, Enum
    {
        var set = new HashSet<T>();
        if (e.TryGetProperty(property, out var array))
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Wire.TryParse<T>(item.GetString(), out var value))
                {
                    set.Add(value);
                }
                else
                {
                    problems.Add($"{owner}: unknown {property} value '{item.GetString()}'");
                }
            }
        }

        return set;
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
