using Microsoft.Extensions.Logging;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The app's log messages, source-generated, with message templates. They carry opaque ids (graduate,
/// document, notification), kinds, statuses and reason codes — never an IIN, a name, an e-mail address
/// or a token.
/// </summary>
public static partial class AppLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Document {DocumentId} of graduate {GraduateId} ({Kind}) moved to {Status} by {Actor}")]
    public static partial void StatusMoved(this ILogger logger, string graduateId, string documentId, DocumentKind kind, DocumentStatus status, string actor);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Document {DocumentId} of graduate {GraduateId} ({Kind}) validated: {Outcome}; reasons {ReasonCodes}; warnings {WarningCodes}")]
    public static partial void Validated(this ILogger logger, string graduateId, string documentId, DocumentKind kind, DocumentStatus outcome, string reasonCodes, string warningCodes);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Employer decided on document {DocumentId} of graduate {GraduateId}: {Decision} (public mail: {PublicMail}) → {Status}")]
    public static partial void EmployerDecided(this ILogger logger, string graduateId, string documentId, string decision, bool publicMail, DocumentStatus status);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Operator reviewed document {DocumentId} of graduate {GraduateId}: {Decision} ({ReasonCode}) → {Status}")]
    public static partial void Reviewed(this ILogger logger, string graduateId, string documentId, string decision, string? reasonCode, DocumentStatus status);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Reminder run for {Date} ({Trigger}): {EntitiesRead} entities read ({DueRowsRead} due rows, {GraduatesRead} graduates' live rows: {RowsRead}), {Sent} sent, {AlreadySent} already sent, {Superseded} superseded")]
    public static partial void RemindersRun(this ILogger logger, DateOnly date, string trigger, int entitiesRead, int dueRowsRead, int graduatesRead, int rowsRead, int sent, int alreadySent, int superseded);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Notification {NotificationId} of graduate {GraduateId} failed for good after {Attempts} attempts (last status {Status})")]
    public static partial void EmailFailed(this ILogger logger, string graduateId, string notificationId, int attempts, int status);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Notification {NotificationId} of graduate {GraduateId} will be retried (attempt {Attempts}, status {Status})")]
    public static partial void EmailRetried(this ILogger logger, string graduateId, string notificationId, int attempts, int status);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Intake blob ignored: {Why}")]
    public static partial void IntakeIgnored(this ILogger logger, string why);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Request refused: {Outcome} {Code}")]
    public static partial void Refused(this ILogger logger, Refusal outcome, string code);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Documents left received past the bound: {Retried} validated again, {Failed} rejected as never received")]
    public static partial void ReceivedSwept(this ILogger logger, int retried, int failed);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Index sync of graduate {GraduateId} kept meeting concurrent changes; its outbox row runs it again")]
    public static partial void IndexSyncDeferred(this ILogger logger, string graduateId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Index sync of graduate {GraduateId} failed after its change was committed; its outbox row runs it again")]
    public static partial void IndexSyncDeferred(this ILogger logger, string graduateId, Exception exception);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Index sync of {Count} graduates committed together failed; their outbox rows run it again")]
    public static partial void IndexSyncDeferred(this ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Pass {Pass} of {Run} failed; the run's other passes go on")]
    public static partial void PassFailed(this ILogger logger, Exception exception, string pass, string run);
}
