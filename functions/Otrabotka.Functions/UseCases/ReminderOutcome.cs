namespace Otrabotka.Functions.UseCases;

/// <summary>What came of one due reminder: sent now, sent before (its marker was there), or stale (the graduate's plan changed since its row was written: nothing sent).</summary>
public enum ReminderOutcome
{
    Sent,
    AlreadySent,
    Stale,
}
