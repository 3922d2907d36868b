using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace VideoTranslation.Server.Security;

/// <summary>
/// What one API key may use at once, so no client can crowd out the others. Bound from the <c>Limits</c> section.
/// Requests without a key (an open server on loopback: one trusted user) are not limited.
/// </summary>
public sealed class LimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>Requests per minute per key, in bursts of up to as many; beyond, 429 with Retry-After.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Limits:RequestsPerMinute must be between {1} and {2}.")]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Jobs a tenant may have pending at once (queued or running); a new one beyond is 429.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Limits:MaxPendingJobs must be between {1} and {2}.")]
    public int MaxPendingJobs { get; set; } = 50;

    /// <summary>Long-polls and event streams one key may hold open at once; one more is 429.</summary>
    [Range(1, 100_000, ErrorMessage = "Limits:MaxWaiters must be between {1} and {2}.")]
    public int MaxWaiters { get; set; } = 100;

    /// <summary>
    /// A bucket of <see cref="RequestsPerMinute"/> tokens refilled at exactly that rate, in steps of at least a second
    /// (the limiter replenishes on a timer): 600 a minute is 10 every second, 90 a minute is 2 every 1⅓ seconds.
    /// </summary>
    public TokenBucketRateLimiterOptions TokenBucket()
    {
        var tokensPerStep = (int)Math.Ceiling(RequestsPerMinute / 60.0);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = RequestsPerMinute,
            TokensPerPeriod = tokensPerStep,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerStep / RequestsPerMinute,
            QueueLimit = 0,
        };
    }
}
