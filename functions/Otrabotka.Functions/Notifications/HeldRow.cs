namespace Otrabotka.Functions.Notifications;

/// <summary>
/// An outbox row committed but not queued yet, because its caller first syncs the indexes inline: an
/// e-mail row that carries the change's index sync (<paramref name="Mail"/>), queued once the sync is done,
/// or an index-sync row of a change without e-mails, completed then. Its pending note's time names its bucket.
/// <paramref name="Commit"/>: every row of its commit (none of them queued yet), queued together in one message.
/// </summary>
public sealed record HeldRow(string Id, bool Mail, DateTimeOffset NotedAt)
{
    public IReadOnlyList<string> Commit { get; init; } = [Id];
}
