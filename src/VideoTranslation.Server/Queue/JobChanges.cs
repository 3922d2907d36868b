using System.Collections.Concurrent;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Queue;

/// <summary>
/// Tells long-polling requests that a job changed. A waiter holds a task per job, not a thread, and nothing
/// polls: the store completes the job's task when it writes the job. As with <see cref="JobSignal"/>, a waiter
/// takes <see cref="Next"/> before it reads the job, so a change between the read and the wait is not missed.
/// </summary>
public sealed class JobChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised at every change, before waiters wake: the job, or null when any job may have changed. What keeps copies
    /// of jobs (the job cache) forgets them here.
    /// </summary>
    public event Action<JobId?>? Changed;

    /// <summary>Completes at the job's next change.</summary>
    public Task Next(JobId id) =>
        waiting.GetOrAdd(id.Value, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(JobId id)
    {
        Changed?.Invoke(id);
        if (waiting.TryRemove(id.Value, out var changed))
        {
            changed.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter, e.g. after notifications from other nodes may have been missed; each re-reads its job.</summary>
    public void NotifyAll()
    {
        Changed?.Invoke(null);
        foreach (var id in waiting.Keys)
        {
            if (waiting.TryRemove(id, out var changed))
            {
                changed.TrySetResult();
            }
        }
    }

    /// <summary>How many jobs have someone waiting on them (for tests and metrics).</summary>
    public int WatchedJobs => waiting.Count;
}
