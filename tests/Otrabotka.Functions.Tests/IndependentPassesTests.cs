using Microsoft.Extensions.Logging.Abstractions;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

public sealed class IndependentPassesTests
{
    [Fact]
    public async Task A_failing_pass_does_not_keep_the_next_from_running_and_the_run_still_fails()
    {
        var ran = new List<string>();
        var failure = await Assert.ThrowsAsync<AggregateException>(() => IndependentPasses.RunAsync(
            "sweep",
            [
                ("intake", _ => { ran.Add("intake"); throw new InvalidOperationException("unreadable blob"); }),
                ("feeds", _ => { ran.Add("feeds"); return Task.CompletedTask; }),
            ],
            NullLogger.Instance,
            CancellationToken.None));

        Assert.Equal(["intake", "feeds"], ran);
        Assert.IsType<InvalidOperationException>(Assert.Single(failure.InnerExceptions));
    }

    [Fact]
    public async Task Passes_that_all_succeed_run_in_order_and_a_cancellation_stops_the_rest()
    {
        var ran = new List<string>();
        await IndependentPasses.RunAsync("daily", [("a", _ => { ran.Add("a"); return Task.CompletedTask; }), ("b", _ => { ran.Add("b"); return Task.CompletedTask; })], NullLogger.Instance, CancellationToken.None);
        Assert.Equal(["a", "b"], ran);

        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => IndependentPasses.RunAsync(
            "daily",
            [
                ("a", token => { stop.Cancel(); token.ThrowIfCancellationRequested(); return Task.CompletedTask; }),
                ("b", _ => { ran.Add("late"); return Task.CompletedTask; }),
            ],
            NullLogger.Instance,
            stop.Token));
        Assert.DoesNotContain("late", ran);
    }
}
