using System.Text.Json;
using System.Text.Json.Serialization;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// An employment claim on the wire and in storage: the flat shape graduates send and the API has always
/// returned (employerBin … endDate), not the nested <see cref="Workplace"/> of the domain record.
/// </summary>
public sealed class EmploymentClaimJson : JsonConverter<EmploymentClaim>
{
    public override EmploymentClaim Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        T Enum<T>(string name) where T : struct, System.Enum => Wire.TryParse<T>(Text(name), out var value) ? value : throw new JsonException($"'{name}' is not a known {typeof(T).Name}.");
        DateOnly? Date(string name) => Text(name) is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        var kinds = root.TryGetProperty("organisationKinds", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(item => Wire.TryParse<OrganisationKind>(item.GetString(), out var kind) ? kind : throw new JsonException("An unknown organisation kind is stored.")).ToList()
            : null;
        var workplace = new Workplace(Enum<OrganisationKind>("organisationKind"), Enum<Ownership>("ownership"), Enum<Region>("region"), Enum<SettlementType>("settlementType"), Text("katoCode"), kinds);
        return new EmploymentClaim(Text("employerBin") ?? "", workplace, Date("startDate") ?? default, Date("endDate"), Text("employerName") ?? "", Text("employerEmail") ?? "", Text("position") ?? "");
    }

    public override void Write(Utf8JsonWriter writer, EmploymentClaim value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("employerBin", value.EmployerBin);
        writer.WriteString("employerName", value.EmployerName);
        writer.WriteString("employerEmail", value.EmployerEmail);
        writer.WriteString("organisationKind", Wire.Name(value.Workplace.Kind));
        writer.WriteString("ownership", Wire.Name(value.Workplace.Ownership));
        writer.WriteString("region", Wire.Name(value.Workplace.Region));
        writer.WriteString("settlementType", Wire.Name(value.Workplace.Settlement));
        if (value.Workplace.KatoCode is { } kato)
        {
            writer.WriteString("katoCode", kato);
        }

        writer.WriteString("position", value.Position);
        writer.WriteString("startDate", GraduateStore.Iso(value.StartDate));
        if (value.EndDate is { } end)
        {
            writer.WriteString("endDate", GraduateStore.Iso(end));
        }

        if (value.Workplace.Kinds is { } kinds)
        {
            writer.WriteStartArray("organisationKinds");
            foreach (var kind in kinds)
            {
                writer.WriteStringValue(Wire.Name(kind));
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
