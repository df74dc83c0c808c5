namespace Otrabotka.Domain;

/// <summary>
/// What the registry knows of one employer: its BIN, name, every organisation kind it is (the first is the
/// main one), ownership, region, settlement type and KATO code where known, the e-mail domains known to be
/// its own, and where and when the entry comes from.
/// </summary>
public sealed record EmployerRegistryEntry(
    Bin Bin,
    string Name,
    IReadOnlyList<OrganisationKind> Kinds,
    Ownership Ownership,
    Region Region,
    SettlementType Settlement,
    string? KatoCode,
    IReadOnlyList<string> EmailDomains,
    string Source,
    DateOnly AsOf)
{
    /// <summary>The workplace the eligibility rules judge, as they judge a document's.</summary>
    public Workplace Workplace => new(Kinds[0], Ownership, Region, Settlement, KatoCode, Kinds.Count > 1 ? Kinds : null);

    /// <summary>Whether an e-mail address is at one of the employer's known domains (case-insensitive, the exact domain).</summary>
    public bool OwnsAddress(string email)
    {
        var at = email.LastIndexOf('@');
        return at >= 0 && EmailDomains.Contains(email[(at + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
    }
}
