namespace VideoTranslation.Client;

/// <summary>
/// How the client waits and retries. The first four settings are the seed client's, with its defaults.
/// </summary>
public sealed class TranslationConfig
{
    /// <summary>Longest <see cref="VideoTranslationClient.WaitForCompletionAsync(string, CancellationToken)"/> waits before throwing <see cref="TimeoutException"/>.</summary>
    public TimeSpan BaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shortest pause between two status requests, and the pause when <see cref="ProgressiveDelay"/> is off.</summary>
    public TimeSpan MinDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Longest pause between two status requests.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Grow the pause from <see cref="MinDelay"/> toward <see cref="MaxDelay"/> while the job runs.</summary>
    public bool ProgressiveDelay { get; set; } = true;

    /// <summary>Factor the pause grows by after each status request when <see cref="ProgressiveDelay"/> is on.</summary>
    public double DelayGrowthFactor { get; set; } = 1.5;

    /// <summary>Retries of a request that failed transiently (network error, 408, 429, 5xx) before giving up.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First pause before such a retry; it grows exponentially, with jitter, and honours <c>Retry-After</c>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(0.2);

    /// <summary>Longest a single HTTP attempt may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How to wait for a job. <see cref="WaitMode.Auto"/> (the default) uses the best the server offers: server-sent
    /// events, else long-polling, else polling guided by the server's hints, else jittered progressive delay.
    /// </summary>
    public WaitMode WaitMode { get; set; } = WaitMode.Auto;

    /// <summary>
    /// The API key (<c>vts_…</c>) sent as <c>Authorization: Bearer</c> with every request; null for a server that runs
    /// open on loopback. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one long-poll asks the server to hold the request (it may hold it less).</summary>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        Require(BaseTimeout > TimeSpan.Zero, nameof(BaseTimeout), "must be positive");
        Require(MinDelay > TimeSpan.Zero, nameof(MinDelay), "must be positive");
        Require(MaxDelay >= MinDelay, nameof(MaxDelay), $"must be at least {nameof(MinDelay)} ({MinDelay})");
        Require(DelayGrowthFactor >= 1, nameof(DelayGrowthFactor), "must be at least 1");
        Require(MaxRetries >= 0, nameof(MaxRetries), "must not be negative");
        Require(RetryBaseDelay >= TimeSpan.Zero, nameof(RetryBaseDelay), "must not be negative");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(LongPollWait > TimeSpan.Zero, nameof(LongPollWait), "must be positive");
        Require(Enum.IsDefined(WaitMode), nameof(WaitMode), "must be one of " + string.Join(", ", Enum.GetNames<WaitMode>()));
    }

    private static void Require(bool condition, string setting, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(TranslationConfig)}.{setting} {rule}.", setting);
        }
    }
}
