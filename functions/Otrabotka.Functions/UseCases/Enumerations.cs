using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>The API's enumerations with their official names in Kazakh, Russian and English: the pages build every choice from them.</summary>
public static class Enumerations
{
    public static readonly EnumerationsView All = new(
        Of<Category>(Names.Of),
        Of<Level>(Names.Of),
        Of<SpecialtyGroup>(Names.Of),
        Of<OrganisationKind>(Names.Of),
        Of<Ownership>(o => o == Ownership.State ? new("Мемлекеттік", "Государственная", "State") : new("Жеке меншік", "Частная", "Private")),
        Of<Region>(Names.Of),
        Of<SettlementType>(Names.Of),
        Of<DocumentKind>(Names.Of),
        Of<DocumentStatus>(Names.Of),
        Of<ObligationStatus>(Names.Of),
        Of<ExemptionGround>(Names.Of),
        new(
            string.Join('\n', Domain.Contacts.Lines(Language.Kk)),
            string.Join('\n', Domain.Contacts.Lines(Language.Ru)),
            string.Join('\n', Domain.Contacts.Lines(Language.En))));

    private static List<EnumerationValue> Of<T>(Func<T, Text> name) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new EnumerationValue(Wire.Name(v), name(v))).ToList();
}
