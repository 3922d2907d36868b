using VideoTranslation.Server.Security;

namespace VideoTranslation.UnitTests.Server;

public sealed class LimitOptionsTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(59)]
    [InlineData(90)]
    [InlineData(600)]
    [InlineData(1_000_000)]
    public void The_token_bucket_refills_at_exactly_the_configured_rate_in_steps_of_at_least_a_second(int perMinute)
    {
        var bucket = new LimitOptions { RequestsPerMinute = perMinute }.TokenBucket();

        Assert.Equal(perMinute, bucket.TokenLimit);
        Assert.Equal(perMinute, bucket.TokensPerPeriod * TimeSpan.FromMinutes(1) / bucket.ReplenishmentPeriod, precision: 3); // the period is whole 100 ns ticks
        Assert.True(bucket.ReplenishmentPeriod >= TimeSpan.FromSeconds(1), $"{bucket.ReplenishmentPeriod}");
    }
}
