using System.ComponentModel.DataAnnotations;

namespace Otrabotka.Functions.Configuration;

/// <summary>CSV imports: up to <see cref="InlineRowLimit"/> rows are answered at once; a larger file becomes a job of chunks.</summary>
public sealed class ImportSettings
{
    public const string Section = "Import";

    [Range(1, 1_000_000, ErrorMessage = "Setting 'Import__InlineRowLimit' must be between 1 and 1000000.")]
    public int InlineRowLimit { get; set; } = 5000;

    /// <summary>Rows per chunk: one queue message; its executions are bounded by <see cref="ChunkSeconds"/>.</summary>
    [Range(1, 20_000, ErrorMessage = "Setting 'Import__ChunkRows' must be between 1 and 20000.")]
    public int ChunkRows { get; set; } = 1000;

    /// <summary>
    /// A chunk's execution starts no new piece of rows after this many seconds (and sizes its pieces to end by then),
    /// records how far it got and queues the rest: no execution over a minute, even on a slow store (ADR 0025).
    /// </summary>
    [Range(0, 240, ErrorMessage = "Setting 'Import__ChunkSeconds' must be between 0 and 240.")]
    public double ChunkSeconds { get; set; } = 30;
}

/// <summary>Reminder runs: up to <see cref="InlineLimit"/> due rows are sent at once; more become a paced run of chunks.</summary>
public sealed class ReminderRunSettings
{
    public const string Section = "Reminders";

    [Range(1, 1_000_000, ErrorMessage = "Setting 'Reminders__InlineLimit' must be between 1 and 1000000.")]
    public int InlineLimit { get; set; } = 1000;

    /// <summary>Reminders per chunk (also capped by SendRatePerSecond × ChunkSeconds).</summary>
    [Range(1, 10_000, ErrorMessage = "Setting 'Reminders__ChunkSize' must be between 1 and 10000.")]
    public int ChunkSize { get; set; } = 500;

    /// <summary>E-mails per second a run may hand to the outbox (SendGrid plans cap messages per second).</summary>
    [Range(0.1, 10_000, ErrorMessage = "Setting 'Reminders__SendRatePerSecond' must be between 0.1 and 10000.")]
    public double SendRatePerSecond { get; set; } = 100;

    /// <summary>A chunk stops taking reminders after this many seconds and hands the rest to a follow-up message.</summary>
    [Range(1, 240, ErrorMessage = "Setting 'Reminders__ChunkSeconds' must be between 1 and 240.")]
    public double ChunkSeconds { get; set; } = 40;
}
