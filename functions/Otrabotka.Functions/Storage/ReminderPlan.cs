using Azure;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The graduate's reminder plan, kept in the live row live|plan|{id} (live|plan before ADR 0022): every planned reminder ("yyyy-MM-dd#key"), the
/// ones still pending in the due index (<see cref="Pending"/>), the date of the graduate's due row
/// (<see cref="DueAt"/>, null when nothing is pending) and the plan's <see cref="Stamp"/>, which the due row carries
/// and whose stamp row (rdue|{stamp}) a run's send and move check in the graduate's partition (ADR 0020).
/// </summary>
public sealed record ReminderPlan(IReadOnlyList<string> Entries, ETag? ETag, IReadOnlyList<string>? Pending = null, DateOnly? DueAt = null, string? Stamp = null)
{
    public static ReminderPlan None { get; } = new([], null, []);

    /// <summary>Whether the load found the stamp's row (a commit replacing the stamp deletes it only then).</summary>
    public bool StampStored { get; init; }

    /// <summary>The row key the plan was read under (the old shared key of ADR 0022 included); null for a plan not stored yet (<see cref="GraduateStore.PlanKey"/>).</summary>
    public string? StoredKey { get; init; }

    /// <summary>The entries pending in the due index; a plan row written before pending was tracked counts all as pending (markers refuse a second send).</summary>
    public IReadOnlyList<string> PendingEntries => Pending ?? Entries;
}
