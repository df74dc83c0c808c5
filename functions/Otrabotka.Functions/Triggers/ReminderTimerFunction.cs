using Microsoft.Azure.Functions.Worker;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Triggers;

/// <summary>
/// The daily run: sent at once when few are due, otherwise handed to the queue in chunks (see <see cref="StartReminderRun"/>);
/// and, once a day, the pass over statuses that move with the calendar alone (<see cref="StartCalendarMoves"/>).
/// </summary>
public sealed class ReminderTimerFunction(StartReminderRun start, StartCalendarMoves moves, TimeProvider time)
{
    public const string Name = "RunReminders";

    [Function(Name)]
    public async Task Run([TimerTrigger(StorageNames.ReminderScheduleExpression)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var today = Almaty.Today(time);
        await moves.RunAsync(today, cancellationToken);
        await start.RunAsync(today, timer.IsPastDue ? "timer-past-due" : "timer", cancellationToken);
    }
}
