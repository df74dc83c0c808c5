using Microsoft.Extensions.Time.Testing;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// How an import chunk's execution cuts its lines into pieces under Import:ChunkSeconds (pure; the clock is a fake
/// one the test moves): the first piece is a tenth of a chunk and always taken, the next fits three quarters of the
/// time left at the pace measured so far, and nothing is started once the budget is spent.
/// </summary>
public sealed class ImportPaceTests
{
    [Fact]
    public void The_first_piece_is_a_tenth_of_a_chunk_even_with_no_time_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.Zero, 1000, clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(100, pace.Next(1000));
        Assert.Equal(40, new ImportPace(TimeSpan.Zero, 1000, clock).Next(40));
        Assert.Equal(2, new ImportPace(TimeSpan.Zero, 20, clock).Next(20));
        Assert.Equal(1, new ImportPace(TimeSpan.Zero, 1, clock).Next(1));
    }

    [Fact]
    public void A_spent_budget_starts_no_further_piece()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        Assert.Equal(100, pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(40));
        pace.Took(100);

        Assert.Equal(0, pace.Next(900));
        Assert.Equal(0, new ImportPace(TimeSpan.Zero, 1000, clock).Next(0));
    }

    [Fact]
    public void The_next_piece_is_what_the_measured_pace_fits_in_three_quarters_of_the_time_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(10)); // 100 lines in 10 s: 30 s left, three quarters fit 225

        Assert.Equal(225, pace.Next(900));
        pace.Took(225);
        clock.Advance(TimeSpan.FromSeconds(22)); // 325 lines in 32 s: 8 s left, three quarters fit 60

        Assert.Equal(60, pace.Next(675));
    }

    [Fact]
    public void A_caller_that_caps_its_pieces_measures_the_pace_again_after_each_even_on_a_fast_store()
    {
        // The feed's shape (ADR 0030): a first piece of a twentieth, then at most twice that.
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(20), 900, clock, firstPiece: 45, largestPiece: 90);

        Assert.Equal(45, pace.Next(900));
        pace.Took(45);
        clock.Advance(TimeSpan.FromSeconds(1)); // fast: 45 in 1 s, 19 s left would fit 641

        Assert.Equal(90, pace.Next(855));
        pace.Took(90);
        clock.Advance(TimeSpan.FromSeconds(16)); // the store slowed: 135 in 17 s, 3 s left fit 17 — under half a first piece

        Assert.Equal(0, pace.Next(765));
    }

    [Fact]
    public void A_fast_store_finishes_the_chunk_in_a_second_piece()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(900, pace.Next(900));
    }

    [Fact]
    public void What_fits_below_half_a_first_piece_is_left_to_the_next_execution_unless_it_is_all_that_is_left()
    {
        var clock = new FakeTimeProvider();
        var pace = new ImportPace(TimeSpan.FromSeconds(40), 1000, clock);
        pace.Took(pace.Next(1000));
        clock.Advance(TimeSpan.FromSeconds(34)); // 6 s left: three quarters fit 13 lines

        Assert.Equal(0, pace.Next(900));
        Assert.Equal(13, pace.Next(13));
        Assert.Equal(0, pace.Next(14));
    }
}
