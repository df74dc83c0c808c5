using Otrabotka.Domain;

namespace Otrabotka.Functions.Texts;

/// <summary>
/// The codes an operator may give when rejecting a document, each with its kk/ru/en text in the catalog
/// (<c>reasons.operator.&lt;code&gt;</c>). An unknown code is refused: the graduate never reads a raw code.
/// "other" needs the operator's note.
/// </summary>
public static class OperatorReasons
{
    public const string Other = "other";

    public static readonly IReadOnlyList<string> Codes =
        ["illegible", "dates-mismatch", "data-mismatch", "wrong-document", "incomplete", "not-confirmed", Other];

    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code, StringComparer.Ordinal);

    public static Text Text(string code) => TextCatalog.Default.Text("reasons.operator." + code);
}
