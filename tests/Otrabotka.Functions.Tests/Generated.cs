using System.Text;
using CsCheck;

namespace Otrabotka.Functions.Tests;

/// <summary>Generators of hostile inputs for the parsers: JSON bodies, multipart bodies, CSV, bearer tokens, employer links.</summary>
internal static class Generated
{
    /// <summary>Inputs per parser: FUZZ_COUNT (scripts/fuzz.sh sets 100,000); 2,000 in the ordinary suite.</summary>
    public static long Count => long.TryParse(Environment.GetEnvironmentVariable("FUZZ_COUNT"), out var n) && n > 0 ? n : 2000;

    /// <summary>Requests through HTTP: FUZZ_HTTP_COUNT; 2,000 in the ordinary suite.</summary>
    public static int HttpCount => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_HTTP_COUNT"), out var n) && n > 0 ? n : 2000;

    public static readonly string[] FieldNames =
    [
        "iin", "fullName", "email", "language", "category", "level", "specialtyGroup", "graduationDate", "admissionYear", "budgetCost",
        "university", "grantMonths", "normativeMonths", "kind", "metadata", "employerBin", "employerName", "employerEmail", "organisationKind",
        "organisationKinds", "ownership", "region", "settlementType", "katoCode", "position", "startDate", "endDate", "note", "token",
        "decision", "confirmerName", "confirmerPosition", "reasonCode", "ground", "commissionDecisionDate", "asOf", "name", "status",
        "continuationToken", "employmentDocumentId", "disabilityGroup", "spouseLocality",
    ];

    /// <summary>Any UTF-16 unit, lone surrogates included, weighted towards the awkward ones.</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (6, Gen.Char['\u0020', '\u007e']),
        (2, Gen.Char['\u0400', '\u04ff']),
        (1, Gen.Char['\ud800', '\udfff']),
        (1, Gen.Char['\u0000', '\u001f']),
        (1, Gen.Char));

    public static readonly Gen<string> Text = Gen.Frequency(
        (8, Gen.String[Char, 0, 24]),
        (1, Gen.String[Char, 2000, 3000]),
        (1, Gen.OneOf("", " ", "null", "2025-06-20", "2025-02-30", "-1", "1e400", "950101300123", "a@b.kz", "http://evil", "\\ud800", "state-order-other", "employment-confirmation", "approve", "confirm")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (6, Text.Select(JsonString)),
        (2, Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(v => double.IsFinite(v) ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "0")),
        (1, Gen.OneOf("null", "true", "false", "[]", "{}", "[1,[2,[3]]]", "{\"a\":{\"b\":\"\\ud800\"}}")));

    /// <summary>A JSON object of known and unknown field names, written by hand so that lone-surrogate escapes survive.</summary>
    public static readonly Gen<string> JsonObject =
        Gen.Select(Gen.Frequency((4, Gen.OneOf(FieldNames.Select(Gen.Const).ToArray())), (1, Text)), Scalar).Array[0, 12]
            .Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonString(p.Item1) + ":" + p.Item2)) + "}");

    /// <summary>JSON bodies: well-formed objects, objects with bytes changed, and plain noise.</summary>
    public static readonly Gen<byte[]> JsonBody = Gen.Frequency(
        (5, JsonObject.Select(Encoding.UTF8.GetBytes)),
        (3, Gen.Select(JsonObject, Gen.Int[0, 1000], Gen.Byte).Select((json, at, value) => Mutate(Encoding.UTF8.GetBytes(json), at, value))),
        (1, Gen.Byte.Array[0, 300]),
        (1, Gen.OneOf("[]", "\"x\"", "1", "null", "{", "{\"a\":", new string('[', 100) + new string(']', 100), "{\"a\":1,\"a\":2}").Select(Encoding.UTF8.GetBytes)));

    /// <summary>CSV files: known columns (repeated sometimes), rows with quotes, separators, line breaks and odd characters.</summary>
    public static readonly Gen<string> Csv =
        Gen.Select(
            Gen.Frequency((5, Gen.OneOf(FieldNames.Take(13).Select(Gen.Const).ToArray())), (1, Text)).Array[0, 14],
            Gen.OneOf(',', ';'),
            Gen.Frequency((4, Text), (1, Gen.OneOf("\"", "\"\"", "\"a,b\"", "a;b", "\r", "\n"))).Array[0, 16].Array[0, 6])
        .Select((header, separator, rows) => string.Join("\n", rows.Select(r => string.Join(separator, r)).Prepend(string.Join(separator, header))));

    public static string JsonString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or (>= '\ud800' and <= '\udfff') => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    public static byte[] Mutate(byte[] bytes, int at, byte value)
    {
        if (bytes.Length == 0)
        {
            return [value];
        }

        var copy = (byte[])bytes.Clone();
        var index = at % copy.Length;
        switch (at % 3)
        {
            case 0:
                copy[index] = value;
                return copy;
            case 1:
                return [.. copy[..index], .. copy[(index + 1)..]];
            default:
                return [.. copy[..index], value, .. copy[index..]];
        }
    }

    /// <summary>A string with one character changed, dropped or added (for tokens and links).</summary>
    public static Gen<string> Mutations(string original) =>
        Gen.Frequency(
            (6, Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[0, 2], Gen.Char['!', '~']).Select((at, how, c) => how switch
            {
                0 => original[..at] + c + original[(at + 1)..],
                1 => original[..at] + original[(at + 1)..],
                _ => original[..at] + c + original[at..],
            })),
            (1, Gen.Int[0, original.Length].Select(n => original[..n])),
            (1, Gen.String[Char, 0, 200]),
            (1, Gen.Const(string.Join('.', original.Split('.').Reverse()))),
            (1, Gen.Const(original + "." + original)));
}
