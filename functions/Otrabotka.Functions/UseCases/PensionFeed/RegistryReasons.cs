using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>Reasons of the registry's API that the domain's row rules do not name.</summary>
public static class RegistryReasons
{
    public static Reason BinMismatch => new("registry-bin-mismatch", Texts.TextCatalog.Default.Text("feed.bin-mismatch"));
}
