using System.Collections.Concurrent;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Queue;

/// <summary>
/// Stops the work on a job the moment it is cancelled, when the job runs in this process. A worker registers each
/// job it runs; the store cancels it after it has marked the job cancelled. (A worker elsewhere learns of it at its
/// next heartbeat, which finds its lease gone.)
/// </summary>
public sealed class JobCancellations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> running = new(StringComparer.Ordinal);

    /// <summary>Cancels <paramref name="work"/> if the job is cancelled, until the registration is disposed.</summary>
    public IDisposable Register(JobId id, CancellationTokenSource work)
    {
        running[id.Value] = work;
        return new Registration(this, id.Value, work);
    }

    /// <summary>Stops the job's work if it runs here; true if it did.</summary>
    public bool Cancel(JobId id)
    {
        if (!running.TryGetValue(id.Value, out var work))
        {
            return false;
        }

        try
        {
            work.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // It finished meanwhile.
        }
    }

    private sealed class Registration(JobCancellations owner, string id, CancellationTokenSource work) : IDisposable
    {
        public void Dispose() => owner.running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, work));
    }
}
