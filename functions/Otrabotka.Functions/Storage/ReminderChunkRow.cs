using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// One chunk of a reminder run: how many reminders its file holds, where the next execution starts, done or
/// not, the lease of the worker that holds it, and its counts so far: reminders sent, skipped and failed, and what it
/// read — markers, and the graduates whose live rows it read with the entities those reads answered. The ETag makes the lease exclusive.
/// </summary>
public sealed record ReminderChunkRow(
    int Number, int Count, int Next = 0, bool Done = false, DateTimeOffset? LeaseUntil = null, int Sent = 0, int Skipped = 0, int Failed = 0, int MarkerReads = 0,
    int GraduatesRead = 0, int RowsRead = 0)
{
    public ETag ETag { get; init; }
}
