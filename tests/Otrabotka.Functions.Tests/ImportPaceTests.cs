using Microsoft.Extensions.Time.Testing;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// How an import chunk's execution cuts its lines into pieces under Import:ChunkSeconds (pure; the clock is a fake
/// one the test moves): the first piece is a quarter of a chunk and always taken, the next fits the time left at the
/// pace measured so far, and nothing is started once the budget is spent.
/// </summary>
public sealed class ImportPaceTests
{
    [Fact]
    public void The_first_piece_is_a_quarter_of_a_chunk_even_with_no_time_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.Zero, 1000, clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(250, pace.Next(1000));
        Assert.Equal(40, new ImportPace(TimeSpan.Zero, 1000, clock).Next(40));
        Assert.Equal(5, new ImportPace(TimeSpan.Zero, 20, clock).Next(20));
        Assert.Equal(1, new ImportPace(TimeSpan.Zero, 1, clock).Next(1));
    }

    [Fact]
    public void A_spent_budget_starts_no_further_piece()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        Assert.Equal(250, pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(40));
        pace.Took(250);

        Assert.Equal(0, pace.Next(750));
        Assert.Equal(0, new ImportPace(TimeSpan.Zero, 1000, clock).Next(0));
    }

    [Fact]
    public void The_next_piece_is_what_the_measured_pace_fits_in_the_time_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(20)); // 250 lines in 20 s: 20 s left fit 250 more

        Assert.Equal(250, pace.Next(750));
        pace.Took(250);
        clock.Advance(TimeSpan.FromSeconds(10)); // 500 lines in 30 s: 10 s left fit 166

        Assert.Equal(166, pace.Next(500));
    }

    [Fact]
    public void A_fast_store_finishes_the_chunk_in_a_second_piece()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(750, pace.Next(750));
    }

    [Fact]
    public void What_fits_below_a_fifth_of_the_first_piece_is_left_to_the_next_execution_unless_it_is_all_that_is_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(39)); // 1 s left fits 6 lines

        Assert.Equal(0, pace.Next(750));
        Assert.Equal(6, pace.Next(6));
        Assert.Equal(0, pace.Next(7));
    }
}
