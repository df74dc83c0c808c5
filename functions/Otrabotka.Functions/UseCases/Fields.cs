using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Otrabotka.Domain;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Reads named string fields (from a JSON object or a CSV row) into typed values, collecting a field
/// error for each one that is missing or malformed, in three languages.
/// </summary>
public sealed class Fields(IReadOnlyDictionary<string, string?> values)
{
    private readonly List<FieldError> errors = [];

    /// <summary>The JSON properties given as an object or an array: read only by <see cref="Structured"/>; as text they are a field error.</summary>
    private readonly HashSet<string> structured = new(StringComparer.Ordinal);

    public IReadOnlyList<FieldError> Errors => errors;

    /// <summary>Longest optional text accepted unless a caller says otherwise (a table property holds 32K characters).</summary>
    public const int DefaultMaxLength = 2000;

    /// <summary>
    /// Each property as text; a name or string that is not valid Unicode (a lone surrogate such as
    /// "\ud800", or invalid UTF-8) becomes a field error naming it instead of an exception.
    /// </summary>
    public static Fields FromJson(JsonElement element)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var invalid = new List<string>();
        var nested = new List<string>();
        if (element.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var p in element.EnumerateObject())
            {
                index++;
                var name = TextOrNull(() => p.Name);
                if (name is null)
                {
                    invalid.Add($"#{index}");
                    continue;
                }

                if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    nested.Add(name);
                }

                values[name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => TextOrNull(p.Value.GetString),
                    JsonValueKind.Null => null,
                    // A nested object or array: its raw text, which must be valid Unicode too.
                    _ => TextOrNull(p.Value.GetRawText),
                };
                if (p.Value.ValueKind != JsonValueKind.Null && values[name] is null)
                {
                    invalid.Add(name);
                }
            }
        }

        var fields = new Fields(values);
        fields.structured.UnionWith(nested);
        foreach (var name in invalid)
        {
            fields.Add(name, "invalid-text", new($"'{name}' өрісінде жарамсыз таңбалар бар.", $"Поле '{name}' содержит недопустимые символы.", $"'{name}' contains characters that are not valid Unicode."));
        }

        return fields;
    }

    /// <summary>
    /// A CSV row's cells by their columns. A cell decoded from bytes that were not UTF-8 (a file saved as Windows-1251,
    /// say: each such byte became U+FFFD, and its text cannot be recovered) is a field error, not garbled data stored.
    /// </summary>
    public static Fields FromCsvRow(IEnumerable<string> columns, IEnumerable<string> cells)
    {
        var row = columns.Zip(cells).ToDictionary(p => p.First, p => (string?)p.Second, StringComparer.Ordinal);
        var fields = new Fields(row);
        foreach (var (name, value) in row)
        {
            if (value is not null && value.Contains('\uFFFD', StringComparison.Ordinal))
            {
                fields.Add(name, "invalid-encoding", new($"'{name}' өрісінде UTF-8 емес таңбалар бар: файлды UTF-8 кодтауымен сақтаңыз.", $"Поле '{name}' содержит символы не в UTF-8: сохраните файл в кодировке UTF-8.", $"'{name}' holds bytes that are not UTF-8 text: save the file as UTF-8."));
            }
        }

        return fields;
    }

    /// <summary>
    /// A JSON object or array given for <paramref name="name"/>, as its raw text (for the fields that take one: a
    /// document's metadata, a correction's changes, lists); a string is passed on as it is.
    /// </summary>
    public string? Structured(string name, int maxLength = DefaultMaxLength) => Text(name, maxLength, allowStructured: true);

    /// <summary>
    /// A JSON document in which no object names a property twice (which one counts would be a guess): a duplicate is a
    /// <see cref="JsonException"/>. A name that is not valid Unicode (a lone surrogate) cannot be compared, so such a body is
    /// parsed as it is and its names are refused by <see cref="FromJson"/> as <c>invalid-text</c>.
    /// </summary>
    public static JsonDocument ParseStrict(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (InvalidOperationException)
        {
            return JsonDocument.Parse(json);
        }
    }

    /// <inheritdoc cref="ParseStrict(ReadOnlyMemory{byte})"/>
    public static JsonDocument ParseStrict(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (InvalidOperationException)
        {
            return JsonDocument.Parse(json);
        }
    }

    private static string? TextOrNull(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public bool Has(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v);

    /// <summary>The trimmed value, or null when absent; longer than <paramref name="maxLength"/> is a field error (and null).</summary>
    public string? Optional(string name, int maxLength = DefaultMaxLength) => Text(name, maxLength, allowStructured: false);

    private string? Text(string name, int maxLength, bool allowStructured)
    {
        if (!allowStructured && structured.Contains(name))
        {
            TypeError(name);
            return null;
        }

        var value = values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        Add(name, "too-long", new($"'{name}' өрісі тым ұзын ({maxLength} таңбадан артық).", $"Поле '{name}' слишком длинное (более {maxLength} символов).", $"'{name}' is too long (over {maxLength} characters)."));
        return null;
    }

    public string Required(string name, int maxLength = 300)
    {
        if (structured.Contains(name))
        {
            TypeError(name);
            return "";
        }

        var value = values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        if (value is null)
        {
            Add(name, "required", TextCatalog.Default.Text("problems.field.required", ("field", $"'{name}'")));
            return "";
        }

        if (value.Length > maxLength)
        {
            Add(name, "too-long", TextCatalog.Default.Text("problems.field.too-long", ("field", $"'{name}'")));
        }

        return value;
    }

    public T Enum<T>(string name) where T : struct, System.Enum
    {
        var text = Required(name);
        if (text.Length == 0)
        {
            return default;
        }

        if (Wire.TryParse<T>(text, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", Wire.All<T>());
        Add(name, "unknown-value", TextCatalog.Default.Text("problems.field.unknown-value", ("field", $"'{name}'"), ("allowed", allowed)));
        return default;
    }

    /// <summary>An object or an array where text (or a number, a date, a yes/no) goes: refused, never stored as its JSON.</summary>
    private void TypeError(string name) =>
        Add(name, "invalid-type", new($"'{name}' өрісі мәтін болуы керек, тізім немесе нысан емес.", $"Поле '{name}' должно быть значением, а не списком или объектом.", $"'{name}' must be a single value, not a list or an object."));

    public T? OptionalEnum<T>(string name) where T : struct, System.Enum => Has(name) ? Enum<T>(name) : null;

    /// <summary>An optional JSON array of enum values (distinct, in the order given); null when absent.</summary>
    public IReadOnlyList<T>? OptionalEnumList<T>(string name) where T : struct, System.Enum
    {
        var text = Structured(name);
        if (text is null)
        {
            return null;
        }

        var values = new List<T>();
        var allowed = string.Join(", ", Wire.All<T>());
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                Add(name, "invalid-list", new($"'{name}' бос емес тізім болуы керек: {allowed}.", $"'{name}' должно быть непустым списком: {allowed}.", $"'{name}' must be a non-empty list of: {allowed}."));
                return null;
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && Wire.TryParse<T>(item.GetString(), out var value))
                {
                    if (!values.Contains(value))
                    {
                        values.Add(value);
                    }
                }
                else
                {
                    Add(name, "unknown-value", new($"'{name}' мәні белгісіз; рұқсат етілгендер: {allowed}.", $"Неизвестное значение '{name}'; допустимые: {allowed}.", $"Unknown '{name}'; allowed: {allowed}."));
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            Add(name, "invalid-list", new($"'{name}' бос емес тізім болуы керек: {allowed}.", $"'{name}' должно быть непустым списком: {allowed}.", $"'{name}' must be a non-empty list of: {allowed}."));
            return null;
        }

        return values;
    }

    public DateOnly Date(string name)
    {
        var text = Required(name);
        return text.Length > 0 ? ParseDate(name, text) ?? default : default;
    }

    public DateOnly? OptionalDate(string name) => Optional(name) is { } text ? ParseDate(name, text) : null;

    public int? OptionalInt(string name, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Add(name, "out-of-range", TextCatalog.Default.Text("problems.field.out-of-range", ("field", $"'{name}'"), ("min", min.ToString(CultureInfo.InvariantCulture)), ("max", max.ToString(CultureInfo.InvariantCulture))));
            return null;
        }

        return value;
    }

    public bool? OptionalBool(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Add(name, "invalid-boolean", new($"'{name}' true немесе false болуы керек.", $"'{name}' должно быть true или false.", $"'{name}' must be true or false."));
        return null;
    }

    public int Int(string name, int min, int max)
    {
        if (!Has(name))
        {
            Required(name);
            return 0;
        }

        return OptionalInt(name, min, max) ?? 0;
    }

    public decimal Money(string name)
    {
        var text = Required(name);
        if (text.Length == 0)
        {
            return 0m;
        }

        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0 || decimal.Round(value, 2) != value)
        {
            Add(name, "invalid-money", TextCatalog.Default.Text("problems.field.invalid-money", ("field", $"'{name}'")));
            return 0m;
        }

        return value;
    }

    public string Email(string name)
    {
        var text = Required(name, 254);
        if (text.Length > 0 && (!MailAddress.TryCreate(text, out var address) || address.Address != text || !text.Contains('.', StringComparison.Ordinal)))
        {
            Add(name, "invalid-email", TextCatalog.Default.Text("problems.field.invalid-email", ("field", $"'{name}'")));
        }

        return text;
    }

    public void Add(string field, string code, Text detail) => errors.Add(new FieldError(field, code, detail));

    public void AddReasons(string field, IEnumerable<Reason> reasons)
    {
        foreach (var r in reasons)
        {
            errors.Add(new FieldError(field, r.Code, r.Message));
        }
    }

    /// <summary>The earliest date a request may carry: no graduate, employment or decision of this law is older.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The latest date a request may carry: far enough for any obligation, and far from DateOnly.MaxValue, past which the rules' date arithmetic would overflow.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    private DateOnly? ParseDate(string name, string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date < EarliestDate || date > LatestDate)
            {
                Add(name, "date-out-of-range", TextCatalog.Default.Text("problems.field.date-out-of-range", ("field", $"'{name}'"), ("from", EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
                return null;
            }

            return date;
        }

        Add(name, "invalid-date", TextCatalog.Default.Text("problems.field.invalid-date", ("field", $"'{name}'")));
        return null;
    }
}
