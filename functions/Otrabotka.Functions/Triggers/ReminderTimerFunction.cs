using Microsoft.Azure.Functions.Worker;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

public sealed class ReminderTimerFunction(RunReminders reminders)
{
    public const string Name = "RunReminders";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.ReminderScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        reminders.RunAsync(reminders.Today(), timer.IsPastDue ? "timer-past-due" : "timer", cancellationToken);
}
