using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>What a replan changes in the due index: entries gone, rows to write.</summary>
public sealed record PlanChange(IReadOnlyList<string> Gone, IReadOnlyList<DueReminder> Write);
