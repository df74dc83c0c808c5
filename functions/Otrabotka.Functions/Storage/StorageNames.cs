using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Every container, queue, table, trigger path and schedule, declared once so that the Functions
/// host and the local host cannot disagree (a drift test compares both with functions.metadata).
/// </summary>
public static class StorageNames
{
    /// <summary>The connection setting the triggers read (connection string locally, identity-based in Azure).</summary>
    public const string Connection = "AzureWebJobsStorage";

    // Blob containers
    public const string IntakeContainer = "intake";
    public const string DocumentsContainer = "documents";
    public const string QuarantineContainer = "quarantine";

    /// <summary>Large CSV imports are streamed here (imports/{jobId}.csv) and read back chunk by chunk.</summary>
    public const string ImportsContainer = "imports";

    /// <summary>A large reminder run's chunks (reminder-runs/{runId}/{chunk}.json): the due rows each chunk sends.</summary>
    public const string ReminderRunsContainer = "reminder-runs";

    /// <summary>Monthly pension-contribution feeds (issue 16): the operator's uploads and files dropped by the Ministry's transfer.</summary>
    public const string FeedsContainer = "feeds";

    /// <summary>Every file in the feeds container starts a feed import (Event Grid in Azure, polling locally).</summary>
    public const string FeedBlobPath = FeedsContainer + "/{name}";

    /// <summary>Uploads land here under server-generated names; the blob trigger validates them.</summary>
    public const string IntakeBlobPath = IntakeContainer + "/{name}";

    // Queues
    public const string DispatchQueue = "dispatch";
    public const string DispatchPoisonQueue = DispatchQueue + "-poison";

    /// <summary>Import jobs fan out through this queue: "plan|{jobId}" and "chunk|{jobId}|{n}" (ids only).</summary>
    public const string ImportQueue = "imports";
    public const string ImportPoisonQueue = ImportQueue + "-poison";

    /// <summary>Large reminder runs: "plan|{runId}" and "chunk|{runId}|{n}|{from}" (ids only).</summary>
    public const string ReminderRunQueue = "reminder-runs";
    public const string ReminderRunPoisonQueue = ReminderRunQueue + "-poison";

    /// <summary>Feed and registry imports fan out through this queue: "plan|{jobId}" and "chunk|{jobId}|{n}" (ids only).</summary>
    public const string FeedQueue = "feed-chunks";
    public const string FeedPoisonQueue = FeedQueue + "-poison";

    /// <summary>The operators' index re-sync, a page of graduates a message: "step|{runId}|{n}" (ids only).</summary>
    public const string OperatorResyncQueue = "operator-resync";
    public const string OperatorResyncPoisonQueue = OperatorResyncQueue + "-poison";

    // Tables
    public const string GraduatesTable = "graduates";
    public const string ReminderRunsTable = "reminderruns";
    public const string IinIndexTable = "iinindex";
    public const string ReviewQueueTable = "reviewqueue";
    public const string DocumentIndexTable = "documentindex";
    public const string OutboxPendingTable = "outboxpending";
    public const string FailedNotificationsTable = "notificationsfailed";
    public const string ReminderDueTable = "reminderdue";
    public const string EmployerDomainsTable = "employerdomains";
    public const string EmployerChecksTable = "employerchecks";

    /// <summary>One partition per import job: the job row and one row per chunk (its progress and counts).</summary>
    public const string ImportJobsTable = "importjobs";

    /// <summary>The employer registry: PartitionKey = BIN, one row "entry".</summary>
    public const string EmployerRegistryTable = "employerregistry";

    /// <summary>One partition per feed or registry import job: the job row and one row per chunk.</summary>
    public const string FeedJobsTable = "feedjobs";

    /// <summary>Feed files by content hash: when a file was first received (the "latest file wins" order).</summary>
    public const string FeedFilesTable = "feedfiles";

    /// <summary>Feed months the rules could not credit, one row per (graduate, BIN), for operators.</summary>
    public const string FeedReviewsTable = "feedreviews";

    /// <summary>Cross-check flags of the feed against the documents, for operators.</summary>
    public const string FeedFlagsTable = "feedflags";

    /// <summary>Operators' search and listing index: name words, status, category and region (kept by index sync).</summary>
    public const string OperatorIndexTable = "operatorindex";

    /// <summary>Dashboard counters, sharded; each shard also holds what each of its graduates is counted under.</summary>
    public const string OperatorCountersTable = "operatorcounters";

    /// <summary>The append-only audit trail of operators' reads of personal data and their changes.</summary>
    public const string OperatorAuditTable = "operatoraudit";

    /// <summary>The outbox sweeper re-queues rows left unsent for over 5 minutes; it runs every minute.</summary>
    public const string OutboxSweepScheduleExpression = "%OutboxSweepSchedule%";
    public const string OutboxSweepScheduleSetting = "OutboxSweepSchedule";
    public const string DefaultOutboxSweepSchedule = "0 */1 * * * *";

    /// <summary>The intake sweep validates files a blob trigger event missed; every minute.</summary>
    public const string IntakeSweepScheduleExpression = "%IntakeSweepSchedule%";
    public const string IntakeSweepScheduleSetting = "IntakeSweepSchedule";
    public const string DefaultIntakeSweepSchedule = "30 */1 * * * *";

    /// <summary>The reminder timer's schedule is a setting (default 09:00 Asia/Almaty = 04:00 UTC).</summary>
    public const string ReminderScheduleExpression = "%ReminderSchedule%";
    public const string ReminderScheduleSetting = "ReminderSchedule";
    public const string DefaultReminderSchedule = "0 0 4 * * *";

    public static readonly IReadOnlyList<string> Containers = [IntakeContainer, DocumentsContainer, QuarantineContainer, ImportsContainer, ReminderRunsContainer, FeedsContainer];
    public static readonly IReadOnlyList<string> Queues = [DispatchQueue, DispatchPoisonQueue, ImportQueue, ImportPoisonQueue, ReminderRunQueue, ReminderRunPoisonQueue, FeedQueue, FeedPoisonQueue, OperatorResyncQueue, OperatorResyncPoisonQueue];
    public static readonly IReadOnlyList<string> Tables = [GraduatesTable, ReminderRunsTable, IinIndexTable, ReviewQueueTable, DocumentIndexTable, OutboxPendingTable, FailedNotificationsTable, ReminderDueTable, EmployerDomainsTable, EmployerChecksTable, ImportJobsTable, EmployerRegistryTable, FeedJobsTable, FeedFilesTable, FeedReviewsTable, FeedFlagsTable, OperatorIndexTable, OperatorCountersTable, OperatorAuditTable];
}
