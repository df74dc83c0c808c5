using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Triggers;

/// <summary>The daily run: sent at once when few are due, otherwise handed to the queue in chunks (see <see cref="StartReminderRun"/>).</summary>
public sealed class ReminderTimerFunction(StartReminderRun start, TimeProvider time)
{
    public const string Name = "RunReminders";

    [Function(Name)]
    public Task Run([TimerTrigger(StorageNames.ReminderScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        start.RunAsync(Almaty.Today(time), timer.IsPastDue ? "timer-past-due" : "timer", cancellationToken);
}
