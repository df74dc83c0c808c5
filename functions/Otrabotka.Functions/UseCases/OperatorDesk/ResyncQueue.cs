using System.Globalization;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The messages of the operators' re-sync queue, one place that writes them: a re-sync step ("step|{runId}|{n}", see
/// <see cref="RunResyncStep"/>) and a shard's calendar moves ("moves|{shard}|{date}", see <see cref="RunCalendarMovesStep"/>).
/// A collaborator of those use cases; functions do not call it.
/// </summary>
public sealed class ResyncQueue(StorageClients storage)
{
    public const string MovesPrefix = "moves";

    public Task SendStepAsync(string runId, int step, CancellationToken cancellationToken) =>
        storage.Queue(StorageNames.OperatorResyncQueue).SendMessageAsync($"step|{runId}|{step.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    public Task SendMovesAsync(string shard, DateOnly today, CancellationToken cancellationToken) =>
        storage.Queue(StorageNames.OperatorResyncQueue).SendMessageAsync($"{MovesPrefix}|{shard}|{GraduateStore.Iso(today)}", cancellationToken);
}
