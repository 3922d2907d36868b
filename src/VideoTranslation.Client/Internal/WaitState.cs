namespace VideoTranslation.Client.Internal;

/// <summary>What one wait has learned so far: the job as last seen, the server's hints, where an event stream stopped.</summary>
internal sealed class WaitState<T>(string jobId, JobView<T> view, IProgress<T>? progress)
    where T : class
{
    private int backoffs;
    private double? etaSeconds;
    private TimeSpan? retryAfter;

    public string JobId { get; } = jobId;

    public JobView<T> View { get; } = view;

    public T? Last { get; private set; }

    /// <summary>The id of the last server-sent event received, to resume after it.</summary>
    public string? LastEventId { get; set; }

    public int Requests { get; set; }

    /// <summary>Failed attempts in a row (network errors, 429, 503).</summary>
    public int Failures { get; set; }

    /// <summary>Records a look at the job and reports it.</summary>
    public void Seen(T job, double? etaHint, TimeSpan? retryAfterHint)
    {
        Last = job;
        etaSeconds = etaHint;
        retryAfter = retryAfterHint;
        progress?.Report(job);
    }

    /// <summary>
    /// The pause the server's hints suggest: most of the estimated time left (waking shortly before the predicted
    /// end), then, once the end is due, the shortest pause; null without hints. Bounded by MinDelay and MaxDelay.
    /// </summary>
    public TimeSpan? Hinted(TranslationConfig config)
    {
        TimeSpan? suggested = etaSeconds switch
        {
            { } eta when eta > 0 => TimeSpan.FromSeconds(eta * 0.9),
            { } => config.MinDelay,
            null => retryAfter,
        };
        return suggested is { } pause ? Clamp(pause, config.MinDelay, config.MaxDelay) : null;
    }

    /// <summary>The seed's progressive delay with full jitter: anywhere between MinDelay and the delay due now.</summary>
    public TimeSpan Backoff(PollingDelaySchedule schedule, TranslationConfig config)
    {
        var ceiling = schedule.GetDelay(backoffs++);
        return config.MinDelay + ((ceiling - config.MinDelay) * Random.Shared.NextDouble());
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
