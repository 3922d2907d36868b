namespace VideoTranslation.Domain;

/// <summary>
/// Where a job is in the queue. Finer than <see cref="JobStatus"/>: clients only see
/// pending/completed/error, the queue needs to know whether a worker holds the job.
/// </summary>
public enum JobState
{
    /// <summary>Waiting for a worker (new, retried after a transient failure, or released on shutdown).</summary>
    Queued,

    /// <summary>Claimed by a worker that holds a lease on it and renews it while it works.</summary>
    Running,

    Completed,
    Failed,

    /// <summary>Stopped at a client's request before it finished; nothing more happens to it.</summary>
    Cancelled,
}

public static class JobStateExtensions
{
    public static JobStatus ToStatus(this JobState state) => state switch
    {
        JobState.Queued or JobState.Running => JobStatus.Pending,
        JobState.Completed => JobStatus.Completed,
        JobState.Failed => JobStatus.Error,
        JobState.Cancelled => JobStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown job state."),
    };

    public static bool IsTerminal(this JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled;
}
