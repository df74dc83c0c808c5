using Azure.Data.Tables;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>The dispatcher's retry rule (ADR 0003): 429/5xx retried with capped back-off until the budget from the row's creation is spent.</summary>
public sealed class OutboxRetryTests
{
    private static readonly DateTimeOffset Created = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly EmailResult Refused = new(EmailOutcome.Transient, 500, null, "Internal Server Error");

    private static OutboxRow Row(int attempts = 0) =>
        new(new TableEntity("g1", OutboxRow.RowKeyFor("n1")) { ["Status"] = OutboxRow.Pending, ["Attempts"] = attempts, ["CreatedAt"] = Created });

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public void A_transient_failure_within_the_budget_is_retried_whatever_the_attempt_count(int attemptsBefore)
    {
        var row = Row(attemptsBefore);
        Assert.True(row.RecordAttempt(Refused, DispatchNotification.RetryBudget, Created + DispatchNotification.RetryBudget - TimeSpan.FromSeconds(1)));
        Assert.Equal((OutboxRow.Pending, attemptsBefore + 1), (row.Status, row.Attempts));
    }

    [Fact]
    public void A_transient_failure_once_the_budget_is_spent_fails_the_row_for_good()
    {
        var row = Row(7);
        Assert.False(row.RecordAttempt(Refused, DispatchNotification.RetryBudget, Created + DispatchNotification.RetryBudget));
        Assert.Equal((OutboxRow.Failed, "Internal Server Error"), (row.Status, row.LastError));
    }

    [Fact]
    public void A_permanent_failure_fails_the_row_at_once_and_a_sent_one_is_never_retried()
    {
        var bad = Row();
        Assert.False(bad.RecordAttempt(new EmailResult(EmailOutcome.Permanent, 400, null, "Does not contain a valid address."), DispatchNotification.RetryBudget, Created));
        Assert.Equal(OutboxRow.Failed, bad.Status);
        var sent = Row(3);
        Assert.False(sent.RecordAttempt(new EmailResult(EmailOutcome.Sent, 202, "m1", null), DispatchNotification.RetryBudget, Created));
        Assert.Equal(OutboxRow.Sent, sent.Status);
    }

    [Theory]
    [InlineData(2, 1, 2)]
    [InlineData(2, 2, 4)]
    [InlineData(2, 5, 32)]
    [InlineData(2, 7, 128)]
    [InlineData(2, 8, 128)]
    [InlineData(2, 400, 128)]
    [InlineData(0.5, 9, 32)]
    [InlineData(10, 5, 160)]
    [InlineData(10, 6, 180)]
    [InlineData(10, 400, 180)]
    public void The_back_off_doubles_from_the_base_six_times_at_most_and_never_past_three_minutes(double baseSeconds, int attempts, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DispatchNotification.RetryDelay(baseSeconds, attempts));

    [Fact]
    public void The_longest_back_off_is_shorter_than_the_outbox_sweeps_age_so_the_sweep_never_queues_a_second_copy() =>
        Assert.True(DispatchNotification.MaxRetryDelay + TimeSpan.FromMinutes(1) < Notifications.OutboxSweep.Age);
}
