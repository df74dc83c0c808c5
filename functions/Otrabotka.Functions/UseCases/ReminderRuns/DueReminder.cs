using Azure.Data.Tables;

namespace Otrabotka.Functions.UseCases;

/// <summary>A due-index row as a run's chunk file carries it: what the message needs, and the rows it replaces.</summary>
public sealed record DueReminder(
    string PartitionKey, string RowKey, string? GraduateId, string? Kind, string? Recipient, string? Series, string? DocumentId, string? To, string? Name,
    string? Language, string? EmployerEmail, string? EmployerName, int? TokenVersion, DateTimeOffset? TokenIssuedAt, string? Date, IReadOnlyList<string[]> Superseded)
{
    public static DueReminder Of(TableEntity e, IEnumerable<TableEntity> superseded) => new(
        e.PartitionKey, e.RowKey, e.GetString("GraduateId"), e.GetString("Kind"), e.GetString("Recipient"), e.GetString("Series"), e.GetString("DocumentId"),
        e.GetString("To"), e.GetString("Name"), e.GetString("Language"), e.GetString("EmployerEmail"), e.GetString("EmployerName"), e.GetInt32("TokenVersion"),
        e.GetDateTimeOffset("TokenIssuedAt"), e.GetString("Date"), superseded.Select(s => new[] { s.PartitionKey, s.RowKey }).ToList());

    public TableEntity ToEntity() => new(PartitionKey, RowKey)
    {
        ["GraduateId"] = GraduateId,
        ["Kind"] = Kind,
        ["Recipient"] = Recipient,
        ["Series"] = Series,
        ["DocumentId"] = DocumentId,
        ["To"] = To,
        ["Name"] = Name,
        ["Language"] = Language,
        ["EmployerEmail"] = EmployerEmail,
        ["EmployerName"] = EmployerName,
        ["TokenVersion"] = TokenVersion,
        ["TokenIssuedAt"] = TokenIssuedAt,
        ["Date"] = Date,
    };

    /// <summary>This row and the earlier steps of its series: all leave the due index once the reminder is handled.</summary>
    public IEnumerable<(string PartitionKey, string RowKey)> Rows() => Superseded.Select(s => (s[0], s[1])).Prepend((PartitionKey, RowKey));
}

/// <summary>A reminder run as the operator sees it.</summary>
public sealed record ReminderRunStatus(
    string RunId, DateOnly Date, string Trigger, string State, int Chunks, int ChunksDone, int Due, int Sent, int Skipped, int Failed, int Superseded,
    int EntitiesRead, bool Done, DateTimeOffset StartedAt);

/// <summary>What the run route answers: today's result at once (few due), or a run to follow.</summary>
public sealed record ReminderRunStart(ReminderRunResult? Result, ReminderRunStatus? Run);
