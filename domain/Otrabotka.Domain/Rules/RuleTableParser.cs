using System.Text.Json;

namespace Otrabotka.Domain;

/// <summary>
/// Reads the rule table's JSON into rule sets, checking every value's type: each problem is named and
/// collected, so an operator sees all of them at once, and nothing here throws.
/// </summary>
internal sealed class RuleTableParser
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public List<RuleSet> Versions(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("versions", out var list)
            || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            problems.Add("'versions' must be a non-empty array");
            return [];
        }

        var sets = new List<RuleSet>();
        var index = 0;
        foreach (var version in list.EnumerateArray())
        {
            index++;
            if (Version(version, index) is { } set)
            {
                sets.Add(set);
            }
        }

        foreach (var year in sets.GroupBy(s => s.FromAdmissionYear).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"two versions start in {year}");
        }

        return sets;
    }

    private RuleSet? Version(JsonElement version, int index)
    {
        if (version.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"version #{index} must be an object");
            return null;
        }

        var before = problems.Count;
        var from = Whole(version, "fromAdmissionYear", $"version #{index}", 1, required: true);
        var owner = from is { } year ? $"version {year}" : $"version #{index}";
        var gap = Whole(version, "atRiskGapDays", owner, 1) ?? 90;
        var reconfirm = Whole(version, "reconfirmationMonths", owner, 1) ?? 6;
        var ahead = Whole(version, "maxStartAheadMonths", owner, 0, required: true) ?? 0;
        var serpin = Set<Region>(version, "serpinRegions", owner).Aggregate(0u, (mask, region) => mask | (1u << (int)region));
        var categories = Categories(version, owner);
        return problems.Count == before ? new RuleSet(from!.Value, categories!, serpin, gap, reconfirm, ahead) : null;
    }

    private CategoryRule?[] Categories(JsonElement version, string owner)
    {
        var categories = new CategoryRule?[Enum.GetValues<Category>().Length];
        if (!version.TryGetProperty("categories", out var list) || list.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{owner}: 'categories' must be an object");
        }
        else
        {
            foreach (var entry in list.EnumerateObject())
            {
                if (!Wire.TryParse<Category>(entry.Name, out var category))
                {
                    problems.Add($"unknown category '{entry.Name}'");
                }
                else if (entry.Value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{entry.Name}: must be an object");
                }
                else
                {
                    categories[(int)category] = Category(category, entry.Value);
                }
            }
        }

        foreach (var category in Enum.GetValues<Category>().Where(c => categories[(int)c] is null))
        {
            problems.Add($"{owner}: category '{Wire.Name(category)}' is missing");
        }

        return categories;
    }

    private CategoryRule? Category(Category category, JsonElement e)
    {
        var name = Wire.Name(category);
        var before = problems.Count;
        var months = Whole(e, "months", name, 1, required: true) ?? 0;
        var levels = Set<Level>(e, "levels", name);
        var grounds = Set<ExemptionGround>(e, "exemptionGrounds", name);
        var location = LocationConstraint.Anywhere;
        if (!e.TryGetProperty("location", out var loc) || loc.ValueKind != JsonValueKind.String || !Wire.TryParse(loc.GetString(), out location))
        {
            problems.Add($"{name}: 'location' must be anywhere, rural or serpin-regions");
        }

        var groups = Groups(e, name);
        var military = true;
        if (e.TryGetProperty("militaryDeferral", out var md))
        {
            military = md.ValueKind == JsonValueKind.True;
            if (md.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{name}: 'militaryDeferral' must be true or false");
            }
        }

        return problems.Count == before ? new CategoryRule(category, months, levels, location, groups, grounds, military) : null;
    }

    private GroupRule?[] Groups(JsonElement e, string name)
    {
        var groups = new GroupRule?[Enum.GetValues<SpecialtyGroup>().Length];
        if (!e.TryGetProperty("groups", out var list) || list.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{name}: 'groups' must be an object");
            return groups;
        }

        uint? wildcard = null;
        foreach (var entry in list.EnumerateObject())
        {
            var mask = KindMask(entry.Value, name);
            if (entry.Name == "*")
            {
                wildcard = mask;
            }
            else if (Wire.TryParse<SpecialtyGroup>(entry.Name, out var group))
            {
                groups[(int)group] = new GroupRule(group, mask);
            }
            else
            {
                problems.Add($"{name}: unknown specialty group '{entry.Name}'");
            }
        }

        foreach (var group in Enum.GetValues<SpecialtyGroup>())
        {
            groups[(int)group] ??= wildcard is { } any ? new GroupRule(group, any) : null;
        }

        return groups;
    }

    private uint KindMask(JsonElement kinds, string name)
    {
        if (kinds.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{name}: organisation kinds must be an array, not {kinds.GetRawText()}");
            return 0;
        }

        var mask = 0u;
        foreach (var item in kinds.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                problems.Add($"{name}: organisation kind must be a string, not {item.GetRawText()}");
            }
            else if (item.GetString() == "*")
            {
                mask = GroupRule.AnyKind;
            }
            else if (Wire.TryParse<OrganisationKind>(item.GetString(), out var kind))
            {
                mask |= 1u << (int)kind;
            }
            else
            {
                problems.Add($"{name}: unknown organisation kind '{item.GetString()}'");
            }
        }

        return mask;
    }

    private int? Whole(JsonElement e, string property, string owner, int min, bool required = false)
    {
        if (!e.TryGetProperty(property, out var value))
        {
            if (required)
            {
                problems.Add($"{owner}: '{property}' is missing");
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min)
        {
            return number;
        }

        problems.Add($"{owner}: '{property}' must be a whole number of at least {min}, not {value.GetRawText()}");
        return null;
    }

    private HashSet<T> Set<T>(JsonElement e, string property, string owner) where T : struct, Enum
    {
        var set = new HashSet<T>();
        if (!e.TryGetProperty(property, out var array))
        {
            return set;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{owner}: '{property}' must be an array, not {array.GetRawText()}");
            return set;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && Wire.TryParse<T>(item.GetString(), out var value))
            {
                set.Add(value);
            }
            else
            {
                problems.Add($"{owner}: unknown {property} value {(item.ValueKind == JsonValueKind.String ? $"'{item.GetString()}'" : item.GetRawText())}");
            }
        }

        return set;
    }
}
