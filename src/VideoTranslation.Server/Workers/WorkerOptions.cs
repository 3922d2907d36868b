using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Workers;

/// <summary>How jobs are run: concurrency, leases and retries. Bound from the <c>Workers</c> configuration section.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Workers";

    /// <summary>Whether this process runs jobs at all (an API-only node sets it to false).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many jobs this process runs at once.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// How long a claim lasts without a heartbeat. A job whose worker died is claimed again within this time;
    /// the worker renews the lease every third of it while it works.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a job is started before it is failed for good (crashes and transient errors count).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First delay before a transiently failed job is retried; it doubles with each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest an idle worker sleeps before looking again (new jobs wake it at once regardless).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxIdleWait { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
