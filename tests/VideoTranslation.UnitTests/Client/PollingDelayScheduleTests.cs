using VideoTranslation.Client;

namespace VideoTranslation.UnitTests.Client;

public class PollingDelayScheduleTests
{
    [Fact]
    public void Progressive_delay_grows_from_min_by_the_factor_until_max()
    {
        var schedule = new PollingDelaySchedule(new TranslationConfig());
        var delays = Enumerable.Range(0, 8).Select(i => schedule.GetDelay(i).TotalSeconds).ToArray();
        Assert.Equal([0.5, 0.75, 1.125, 1.6875, 2.53125, 3, 3, 3], delays);
    }

    [Fact]
    public void Without_progressive_delay_every_pause_is_min_delay()
    {
        var schedule = new PollingDelaySchedule(new TranslationConfig { ProgressiveDelay = false, MinDelay = TimeSpan.FromMilliseconds(200) });
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(TimeSpan.FromMilliseconds(200), schedule.GetDelay(i)));
    }

    [Fact]
    public void Never_exceeds_max_even_after_very_many_polls()
    {
        var schedule = new PollingDelaySchedule(new TranslationConfig());
        Assert.Equal(TimeSpan.FromSeconds(3), schedule.GetDelay(100_000));
    }

    [Fact]
    public void Equal_min_and_max_is_a_constant_schedule()
    {
        var config = new TranslationConfig { MinDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) };
        var schedule = new PollingDelaySchedule(config);
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.GetDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.GetDelay(7));
    }
}
