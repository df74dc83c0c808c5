using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>The daily run: sent at once when few are due, otherwise handed to the queue in chunks (see <see cref="ReminderRuns"/>).</summary>
public sealed class ReminderTimerFunction(RunReminders reminders, ReminderRuns runs)
{
    public const string Name = "RunReminders";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.ReminderScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        runs.StartAsync(reminders.Today(), timer.IsPastDue ? "timer-past-due" : "timer", cancellationToken);
}
