using System.Text.Json;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>A document's row (RowKey live|doc|{id}) and back: its claim as JSON, its status, file facts and employer-link state.</summary>
public static class DocumentEntities
{
    private sealed record StoredReason(string Code, Text Message);

    public static TableEntity ToEntity(string graduateId, Document document)
    {
        var state = document.State;
        return new TableEntity(graduateId, GraduateStore.DocumentKey(state.Id))
        {
            ["Kind"] = Wire.Name(document.Kind),
            ["Status"] = Wire.Name(state.Status),
            ["Contested"] = state.Contested,
            ["Metadata"] = ClaimJson.Write(state.Claim),
            ["BlobName"] = state.File.Location,
            ["Sha256"] = state.File.Sha256,
            ["ValidatedETag"] = state.File.JudgedVersion,
            ["DuplicateOf"] = state.File.DuplicateOf,
            ["Reasons"] = Reasons(state.Reasons),
            ["Warnings"] = Reasons(state.Warnings),
            ["ReceivedAt"] = state.ReceivedAt,
            ["UpdatedAt"] = state.UpdatedAt,
            ["HistoryCount"] = state.HistoryCount,
            ["SubmittedBy"] = state.SubmittedBy,
            ["EmployerEmail"] = state.Link?.Email,
            ["TokenVersion"] = state.Link?.Version ?? 0,
            ["TokenIssuedAt"] = state.Link?.IssuedAt,
            ["TokenUsed"] = state.Link?.Used ?? false,
            ["Note"] = state.Note,
            ["NoteBy"] = state.NoteBy is { } by ? Wire.Name(by) : null,
        };
    }

    public static Document ToDocument(TableEntity entity)
    {
        var kind = GraduateStore.Enum<DocumentKind>(entity, "Kind");
        var file = new DocumentFile(entity.GetString("BlobName"), entity.GetString("Sha256"), entity.GetString("ValidatedETag"), entity.GetString("DuplicateOf"));
        var link = entity.GetString("EmployerEmail") is { } email
            ? new EmployerLink(email, entity.GetInt32("TokenVersion") ?? 0, entity.GetDateTimeOffset("TokenIssuedAt"), entity.GetBoolean("TokenUsed") ?? false)
            : null;
        return Document.Restore(new DocumentState(
            entity.RowKey[GraduateStore.DocumentPrefix.Length..],
            ClaimJson.Read(kind, entity.GetString("Metadata") ?? "{}"),
            GraduateStore.Enum<DocumentStatus>(entity, "Status"),
            entity.GetBoolean("Contested") ?? false,
            entity.GetDateTimeOffset("ReceivedAt") ?? default,
            entity.GetDateTimeOffset("UpdatedAt") ?? default,
            entity.GetInt32("HistoryCount") ?? 0,
            entity.GetString("SubmittedBy") ?? "",
            file,
            Reasons(entity.GetString("Reasons")),
            Reasons(entity.GetString("Warnings")),
            link,
            entity.GetString("Note"),
            Wire.TryParse<ActorRole>(entity.GetString("NoteBy"), out var by) ? by : null));
    }

    private static string Reasons(IReadOnlyList<Reason> reasons) =>
        JsonSerializer.Serialize(reasons.Select(r => new StoredReason(r.Code, r.Message)).ToList(), Json.Options);

    private static List<Reason> Reasons(string? json) =>
        (JsonSerializer.Deserialize<List<StoredReason>>(json ?? "[]", Json.Options) ?? []).Select(r => new Reason(r.Code, r.Message)).ToList();
}
