namespace Otrabotka.Functions.Storage;

/// <summary>What a rebuild of the IIN index did: profiles indexed under the current key, rows of the old key removed.</summary>
public sealed record IinIndexRebuildResult(int Indexed, int Removed);
