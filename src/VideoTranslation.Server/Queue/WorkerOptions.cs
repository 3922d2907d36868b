using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Queue;

/// <summary>How jobs are run: concurrency, leases and retries. Bound from the <c>Workers</c> configuration section.</summary>
public sealed class WorkerOptions : IValidatableObject
{
    public const string SectionName = "Workers";

    /// <summary>Whether this process runs jobs at all (an API-only node sets it to false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many jobs this process runs at once.</summary>
    [Range(1, 1024, ErrorMessage = "Workers:Concurrency must be between {1} and {2}.")]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a claim lasts without a heartbeat. A job whose worker died is claimed again within this time;
    /// the worker renews the lease every third of it while it works.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00", ErrorMessage = "Workers:LeaseDuration must be between {1} and {2}.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a job is started before it is failed for good (crashes and transient errors count).</summary>
    [Range(1, 100, ErrorMessage = "Workers:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First delay before a transiently failed job is retried; it doubles with each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Workers:RetryDelay must be between {1} and {2}.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest an idle worker sleeps before looking again (new jobs wake it at once regardless).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Workers:MaxIdleWait must be between {1} and {2}.")]
    public TimeSpan MaxIdleWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The queues this process's workers take jobs from, comma-separated (<see cref="WorkQueues.All"/>); empty for all.
    /// A video job whose next stage belongs to a queue not served here is handed on with its finished stages saved.
    /// </summary>
    public string Queues { get; set; } = "";

    /// <summary>Where a <c>vts worker</c> process listens for <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>; none opens no port.</summary>
    public string? MetricsUrls { get; set; }

    /// <summary><see cref="Queues"/> as a set; every queue when none is named.</summary>
    public IReadOnlySet<string> QueueSet => Queues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } named
        ? named.Select(name => name.ToLowerInvariant()).ToHashSet()
        : WorkQueues.All.ToHashSet();

    /// <summary>Whether <see cref="Queues"/> leaves some queue out.</summary>
    public bool ServesSomeQueues => QueueSet.Count < WorkQueues.All.Count;

    /// <summary>Longest wait before a retry, however many attempts came before.</summary>
    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(10);

    public TimeSpan HeartbeatInterval => LeaseDuration / 3;

    /// <summary>The wait before retrying a job that failed transiently on attempt <paramref name="attempts"/>: doubling from <see cref="RetryDelay"/>, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        // 2^10 already exceeds the cap for any RetryDelay over 0.6 s; clamping the exponent keeps the product finite.
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 16));
        var seconds = Math.Min(RetryDelay.TotalSeconds * factor, MaxRetryDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var unknown in QueueSet.Except(WorkQueues.All))
        {
            yield return new ValidationResult(
                $"Workers:Queues names '{unknown}', which is not a queue. Queues: {string.Join(", ", WorkQueues.All)}.", [nameof(Queues)]);
        }
    }
}
