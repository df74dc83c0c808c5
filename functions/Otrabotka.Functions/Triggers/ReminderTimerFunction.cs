using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>The daily run: the calendar pass and the reminders (see <see cref="StartDailyRun"/>).</summary>
public sealed class ReminderTimerFunction(StartDailyRun run)
{
    public const string Name = "RunReminders";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.ReminderScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        run.RunAsync(timer.IsPastDue, cancellationToken);
}
