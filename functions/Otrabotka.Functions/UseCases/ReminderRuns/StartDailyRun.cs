using Microsoft.Extensions.Logging;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The daily timer's run: the pass over statuses that move with the calendar alone (<see cref="StartCalendarMoves"/>),
/// then the reminders, sent at once when few are due, otherwise handed to the queue in chunks (<see cref="StartReminderRun"/>).
/// A failure of the first does not keep the reminders from being sent.
/// </summary>
public sealed class StartDailyRun(StartCalendarMoves moves, StartReminderRun reminders, TimeProvider time, ILogger<StartDailyRun> logger)
{
    public Task RunAsync(bool pastDue, CancellationToken cancellationToken)
    {
        var today = Almaty.Today(time);
        return IndependentPasses.RunAsync(
            nameof(StartDailyRun),
            [
                (nameof(StartCalendarMoves), token => moves.RunAsync(today, token)),
                (nameof(StartReminderRun), token => reminders.RunAsync(today, pastDue ? "timer-past-due" : "timer", token)),
            ],
            logger,
            cancellationToken);
    }
}
