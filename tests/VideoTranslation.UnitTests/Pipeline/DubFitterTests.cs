using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.UnitTests.Pipeline;

public class DubFitterTests
{
    private static readonly TimeSpan MediaEnd = TimeSpan.FromSeconds(30);

    [Fact]
    public void Speech_that_fits_its_cue_is_placed_as_is()
    {
        var placement = Fit([Cue(1, 4)], [2.5]).Single();

        Assert.Equal((1.0, 2.5, 0.0), (placement.SpeedUp, placement.Placed.TotalSeconds, placement.Overflow.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(1), placement.SlotStart);
        Assert.False(placement.BorrowedSilence);
    }

    [Fact]
    public void Slightly_long_speech_is_sped_up_just_enough()
    {
        var placement = Fit([Cue(1, 4), Cue(10, 12)], [3.6, 1])[0];

        Assert.Equal(1.2, placement.SpeedUp, precision: 6);
        Assert.Equal(3, placement.Placed.TotalSeconds, precision: 6);
    }

    [Fact]
    public void Speed_up_is_capped_and_the_rest_borrows_the_silence_after_the_cue()
    {
        var placement = Fit([Cue(1, 3), Cue(10, 12)], [4, 1])[0];

        Assert.Equal(1.35, placement.SpeedUp, precision: 6);
        Assert.Equal(4 / 1.35, placement.Placed.TotalSeconds, precision: 6);
        Assert.True(placement.BorrowedSilence);
        Assert.Equal(TimeSpan.Zero, placement.Overflow);
    }

    [Fact]
    public void Speech_never_runs_into_the_next_cue_and_the_excess_is_reported()
    {
        var placements = Fit([Cue(1, 2), Cue(2.5, 4)], [5, 1]);

        Assert.Equal(1.5, placements[0].Placed.TotalSeconds, precision: 6);
        Assert.Equal((5 / 1.35) - 1.5, placements[0].Overflow.TotalSeconds, precision: 6);
        Assert.True(placements[0].SlotStart + placements[0].Placed <= placements[1].SlotStart);
    }

    [Fact]
    public void The_last_cue_stops_at_the_end_of_the_media()
    {
        var placement = DubFitter.Fit([Cue(28, 29)], [TimeSpan.FromSeconds(5)], MediaEnd).Single();

        Assert.Equal(TimeSpan.FromSeconds(2), placement.Placed);
        Assert.True(placement.Overflow > TimeSpan.Zero);
    }

    [Fact]
    public void A_different_cap_is_respected()
    {
        var placement = DubFitter.Fit([Cue(0, 2)], [TimeSpan.FromSeconds(4)], MediaEnd, maxSpeedUp: 1.1).Single();
        Assert.Equal(1.1, placement.SpeedUp, precision: 6);
    }

    private static Cue Cue(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), ["text"]);

    private static IReadOnlyList<DubPlacement> Fit(Cue[] cues, double[] seconds) =>
        DubFitter.Fit(cues, [.. seconds.Select(TimeSpan.FromSeconds)], MediaEnd);
}
