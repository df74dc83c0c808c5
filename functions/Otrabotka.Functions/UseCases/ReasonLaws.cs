using System.Collections.Frozen;
using System.Reflection;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The point of law behind a stored reason code. Stored reasons keep code and words only; the domain's
/// reasons (static fields of its types) name the law, so the pages can show it beside the words.
/// </summary>
public static class ReasonLaws
{
    private static readonly FrozenDictionary<string, Text> Laws = typeof(Reason).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(f => f.FieldType == typeof(Reason))
        .Select(f => f.GetValue(null) as Reason)
        .Where(r => r?.Law is not null)
        .GroupBy(r => r!.Code, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First()!.Law!, StringComparer.Ordinal);

    public static Text? Of(string code) => Laws.GetValueOrDefault(code);
}
