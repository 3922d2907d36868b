using VideoTranslation.Client;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.UnitTests.Client;

/// <summary>How the client times its polls from the server's hints, within the seed's bounds.</summary>
public class WaitStateTests
{
    private static readonly TranslationConfig Config = new() { MinDelay = TimeSpan.FromSeconds(0.5), MaxDelay = TimeSpan.FromSeconds(3) };

    [Theory]
    [InlineData(2.0, null, 1.8)] // most of the estimate: wake shortly before the predicted end
    [InlineData(100.0, null, 3.0)] // never longer than MaxDelay
    [InlineData(0.2, null, 0.5)] // never shorter than MinDelay
    [InlineData(0.0, null, 0.5)] // overdue: tighten to the shortest pause
    [InlineData(null, 5.0, 3.0)] // no estimate: Retry-After, bounded
    [InlineData(null, 1.0, 1.0)]
    public void Hints_set_the_pause_within_the_bounds(double? eta, double? retryAfter, double expected)
    {
        var state = new WaitState<TranslationJob>("job", JobView<TranslationJob>.Seed("job"), progress: null);
        state.Seen(Job(), eta, retryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

        Assert.Equal(expected, state.Hinted(Config)!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void Without_hints_there_is_no_hinted_pause_and_the_backoff_is_jittered_within_the_seed_schedule()
    {
        var state = new WaitState<TranslationJob>("job", JobView<TranslationJob>.Seed("job"), progress: null);
        state.Seen(Job(), null, null);
        Assert.Null(state.Hinted(Config));

        var schedule = new PollingDelaySchedule(Config);
        var pauses = Enumerable.Range(0, 200).Select(_ => state.Backoff(schedule, Config)).ToList();
        Assert.All(pauses, pause => Assert.InRange(pause, Config.MinDelay, Config.MaxDelay));
        Assert.True(pauses.Skip(50).Distinct().Count() > 100, "jittered, not in step");
    }

    private static TranslationJob Job() => new("job", TranslationJobStatus.Pending, "en", "es", DateTimeOffset.UnixEpoch, null);
}
