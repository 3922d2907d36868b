using VideoTranslation.Domain;

namespace VideoTranslation.Server.Queue;

/// <summary>
/// The workers' view of the job store. The jobs table is the queue: a worker claims a job with a lease,
/// renews the lease while it works, and finishes the job only while it still holds the lease. A job whose
/// lease expired (its worker died) is claimed again by anyone.
/// </summary>
public interface IJobQueue
{
    /// <summary>
    /// Claims the oldest due job for <paramref name="owner"/> from the queues this process serves
    /// (<c>Workers:Queues</c>), or returns null when none is due.
    /// </summary>
    Task<TranslationJob?> ClaimNextAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease; false when the lease was lost (expired and taken by another worker).</summary>
    Task<bool> RenewLeaseAsync(JobId id, string owner, TimeSpan lease, CancellationToken cancellationToken);

    Task<bool> CompleteAsync(JobId id, string owner, CancellationToken cancellationToken);

    Task<bool> FailAsync(JobId id, string owner, string errorMessage, string? errorCode, CancellationToken cancellationToken);

    /// <summary>Records the running job's stage and progress (0 to 1); false when the lease was lost.</summary>
    Task<bool> ReportProgressAsync(JobId id, string owner, string stage, double progress, CancellationToken cancellationToken);

    /// <summary>Puts a job that failed transiently back in the queue, due after <paramref name="delay"/>.</summary>
    Task<bool> RetryLaterAsync(JobId id, string owner, TimeSpan delay, string reason, CancellationToken cancellationToken);

    /// <summary>Gives a job back without counting the attempt (the worker is shutting down).</summary>
    Task<bool> ReleaseAsync(JobId id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a job back without counting the attempt, to wait in <paramref name="queue"/>: its next stage is work for
    /// workers of that queue (its finished stages are saved).
    /// </summary>
    Task<bool> HandOffAsync(JobId id, string owner, string queue, CancellationToken cancellationToken);

    /// <summary>When the next job in this process's queues becomes claimable (a delayed retry or a lease that will expire); null if never.</summary>
    Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken);
}
