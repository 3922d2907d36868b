using VideoTranslation.Server.Queue;

namespace VideoTranslation.UnitTests.Server;

public class WorkerOptionsTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(8, 256)]
    [InlineData(9, 512)]
    [InlineData(10, 600)]
    [InlineData(100, 600)]
    [InlineData(int.MaxValue, 600)]
    public void Retry_delay_doubles_from_the_base_up_to_ten_minutes(int attempts, double seconds)
    {
        var options = new WorkerOptions { RetryDelay = TimeSpan.FromSeconds(2) };
        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelayAfter(attempts));
    }

    [Fact]
    public void Retry_delay_never_overflows_with_the_largest_allowed_base()
    {
        var options = new WorkerOptions { RetryDelay = TimeSpan.FromHours(1) };
        Assert.Equal(WorkerOptions.MaxRetryDelay, options.RetryDelayAfter(100));
    }

    [Fact]
    public void The_heartbeat_beats_three_times_per_lease()
    {
        var options = new WorkerOptions { LeaseDuration = TimeSpan.FromSeconds(30) };
        Assert.Equal(TimeSpan.FromSeconds(10), options.HeartbeatInterval);
    }
}
