using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>The due-index rows planned for a graduate ("yyyy-MM-dd#key"), kept in the live row live|plan.</summary>
public sealed record ReminderPlan(IReadOnlyList<string> Entries, ETag? ETag)
{
    public static ReminderPlan None { get; } = new([], null);
}
