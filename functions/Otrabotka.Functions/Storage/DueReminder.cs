using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// One row of the reminder due index (PartitionKey = due date, RowKey = the reminder's key), carrying what
/// its message needs so a run reads nothing else: the address, the name, the language, the employer link's claim.
/// A graduate's pending reminders travel together in one <see cref="DueRow"/>; <see cref="Stamp"/> names the plan
/// they were written under (a send checks it is still the graduate's plan: null for rows written without one).
/// </summary>
public sealed record DueReminder(
    DateOnly DueOn,
    string Key,
    string GraduateId,
    ReminderKind Kind,
    Recipient Recipient,
    string? DocumentId,
    string To,
    string Name,
    Language Language,
    string? EmployerEmail = null,
    string? EmployerName = null,
    int? TokenVersion = null,
    DateTimeOffset? TokenIssuedAt = null,
    DateOnly? Date = null,
    Sex? GraduateSex = null,
    int? AtRiskGapDays = null,
    int? ReconfirmationMonths = null,
    string? Stamp = null)
{
    /// <summary>The series this reminder is a step of: the same graduate, kind, recipient and document.</summary>
    public string Series => $"{GraduateId}|{Wire.Name(Kind)}|{Wire.Name(Recipient)}|{DocumentId}";

    /// <summary>The series (graduate, kind, recipient, document) of which only the latest due step is sent.</summary>
    public PlannedReminder Planned => new(Kind, Recipient, DueOn, Key, DocumentId);
}
