namespace Otrabotka.Domain;

/// <summary>One data line of a registry file: its entry, or the reasons it is bad. Line 1 is the header.</summary>
public sealed record RegistryLine(int Line, EmployerRegistryEntry? Entry, IReadOnlyList<Reason> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
