namespace Otrabotka.Functions.UseCases;

/// <summary>How a registry request ended.</summary>
public enum RegistryOutcome
{
    Found,
    Saved,
    NotFound,
    Invalid,
}
