using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Reminder runs that never outrun a function's time limit. Up to Reminders:InlineLimit due rows are sent at
/// once (today's answer). Beyond it the run becomes a job, run by <see cref="RunReminderStep"/>.
/// </summary>
public sealed partial class StartReminderRun(StorageClients storage, ReminderRunStore runs, RunReminders reminders, IOptions<ReminderRunSettings> settings, TimeProvider time, ILogger<StartReminderRun> logger)
{
    /// <summary>Sends at once when few are due; otherwise records a run and queues its plan.</summary>
    public async Task<ReminderRunStart> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken)
    {
        var limit = settings.Value.InlineLimit;
        var first = await reminders.DueAsync(date, limit + 1, cancellationToken);
        if (first.Count <= limit)
        {
            return new ReminderRunStart(await reminders.ProcessAsync(date, first, trigger, cancellationToken), null);
        }

        var runId = GraduateStore.NewId('r');
        var run = new ReminderRunRow(runId, date, trigger, time.GetUtcNow(), first.Count);
        await runs.AddRunAsync(run, cancellationToken);
        await storage.Queue(StorageNames.ReminderRunQueue).SendMessageAsync("plan|" + runId, cancellationToken);
        LogRunQueued(logger, runId, GraduateStore.Iso(date));
        return new ReminderRunStart(null, ReminderRuns.Status(run, []));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run {RunId} for {Date} queued")]
    private static partial void LogRunQueued(ILogger logger, string runId, string date);
}
