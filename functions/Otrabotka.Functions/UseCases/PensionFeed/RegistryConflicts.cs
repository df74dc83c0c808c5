using Otrabotka.Domain;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// A graduate's declaration against the employer registry: when the registry knows the BIN and the declared
/// workplace differs in what the rules judge (settlement type, region, organisation kind), the document goes to an
/// operator's review with both shown — the graduate says village school, the registry says city bank.
/// </summary>
public static class RegistryConflicts
{
    public const string Code = "registry-conflict";

    public static Reason? Check(Workplace declared, string declaredName, EmployerRegistryEntry registry)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(registry);
        var agrees = declared.Settlement == registry.Settlement && declared.Region == registry.Region
            && declared.AllKinds.All(kind => registry.Kinds.Contains(kind));
        return agrees ? null : new Reason(Code, new Text(Say(Language.Kk), Say(Language.Ru), Say(Language.En)));

        string Say(Language language) => TextCatalog.Default.Format("feed.registry-conflict", language, Values(declared, declaredName, registry, language));
    }

    private static Dictionary<string, string> Values(Workplace declared, string declaredName, EmployerRegistryEntry registry, Language language) => new(StringComparer.Ordinal)
    {
        ["declared"] = Describe(declaredName, declared.AllKinds, declared.Settlement, declared.Region, language),
        ["registry"] = Describe(registry.Name, registry.Kinds, registry.Settlement, registry.Region, language),
    };

    /// <summary>One side: the name as typed, then the kinds, settlement type and region as the rules name them.</summary>
    private static string Describe(string name, IEnumerable<OrganisationKind> kinds, SettlementType settlement, Region region, Language language) =>
        $"«{name}» — {string.Join(", ", kinds.Select(k => Names.Of(k).In(language)))}; {Names.Of(settlement).In(language)}; {Names.Of(region).In(language)}";
}
