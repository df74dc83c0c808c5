using System.Text.Json.Serialization;

namespace Otrabotka.Domain;

// Wire values are the kebab-case of these names unless an attribute spells them (see Wire).

/// <summary>Categories subject to monitoring (п.17 ст.47 Закона «Об образовании»; Приказ № 403).</summary>
public enum Category
{
    RuralQuota,
    StateOrder,
    Serpin,
    StateOrderOther,
    Phd,
}

public enum Level
{
    Bachelor,
    Master,
    /// <summary>Residency exists only for medical specialties.</summary>
    Residency,
    Doctorate,
}

public enum SpecialtyGroup
{
    Pedagogical,
    Medical,
    Veterinary,
    Agricultural,
    Technical,
    Other,
}

public enum OrganisationKind
{
    Education,
    Healthcare,
    /// <summary>A subdivision of a state body in veterinary medicine, or a veterinary organisation.</summary>
    Veterinary,
    Agrarian,
    HigherEducation,
    Scientific,
    Other,
}

public enum Ownership
{
    State,
    Private,
}

public enum SettlementType
{
    City,
    Town,
    /// <summary>A village or rural settlement, including a посёлок that no city administers.</summary>
    Village,
}

/// <summary>The 20 first-level administrative units of Kazakhstan.</summary>
public enum Region
{
    Akmola,
    Aktobe,
    AlmatyRegion,
    Atyrau,
    WestKazakhstan,
    Zhambyl,
    Jetisu,
    Karaganda,
    Kostanay,
    Kyzylorda,
    Mangystau,
    Pavlodar,
    NorthKazakhstan,
    Turkestan,
    Abai,
    EastKazakhstan,
    Ulytau,
    Astana,
    AlmatyCity,
    Shymkent,
}

/// <summary>Grounds of exemption, п.17-2 ст.47. Granted by the distribution commission in the graduation year only.</summary>
public enum ExemptionGround
{
    SpouseNoVacancy,
    [JsonStringEnumMemberName("disability-1-2")]
    Disability12,
    FurtherStudy,
    [JsonStringEnumMemberName("pregnancy-or-child-under-3")]
    PregnancyOrChildUnder3,
}

/// <summary>Where the work must be, per the rule table.</summary>
public enum LocationConstraint
{
    Anywhere,
    Rural,
    SerpinRegions,
}
