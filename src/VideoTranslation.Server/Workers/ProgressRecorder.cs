using VideoTranslation.Domain;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Queue;

namespace VideoTranslation.Server.Workers;

/// <summary>
/// Keeps the latest progress an engine reported and writes it to the store at most every quarter second: an
/// engine may report thousands of times, the database hears of it a few times a second, and a stage change
/// shows within 250 ms. Writes are fenced by the lease, so a worker that lost its job cannot overwrite them.
/// </summary>
internal sealed class ProgressRecorder : IProgress<JobProgress>, IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Lock gate = new();

    // Stops a write under way; the loop itself stops when the timer is disposed.
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer;
    private readonly Task loop;
    private readonly Action<string, TimeSpan>? stageFinished;
    private readonly TimeProvider clock;
    private JobProgress? latest;
    private long stageStarted;

    /// <param name="stageFinished">Told how long each stage took, when the next one starts (or the job ends).</param>
    public ProgressRecorder(IJobQueue queue, JobId id, string owner, TimeProvider clock, Action<string, TimeSpan>? stageFinished = null)
    {
        this.clock = clock;
        this.stageFinished = stageFinished;
        timer = new PeriodicTimer(Interval, clock);
        loop = WriteAsync(queue, id, owner);
    }

    public void Report(JobProgress value)
    {
        lock (gate)
        {
            if (latest is { } previous && previous.Stage != value.Stage)
            {
                stageFinished?.Invoke(previous.Stage, clock.GetElapsedTime(stageStarted));
            }

            if (latest?.Stage != value.Stage)
            {
                stageStarted = clock.GetTimestamp();
            }

            latest = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the timer ends its wait with false; cancelling the wait instead would throw, and capture a stack
        // trace, at the end of every job (a fifth of a busy server's allocations).
        timer.Dispose();
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    /// <summary>The job finished: the stage it was in finished with it.</summary>
    public void Completed()
    {
        lock (gate)
        {
            if (latest is { } last)
            {
                stageFinished?.Invoke(last.Stage, clock.GetElapsedTime(stageStarted));
            }
        }
    }

    private async Task WriteAsync(IJobQueue queue, JobId id, string owner)
    {
        JobProgress? written = null;
        try
        {
            while (await timer.WaitForNextTickAsync(CancellationToken.None))
            {
                JobProgress? current;
                lock (gate)
                {
                    current = latest;
                }

                if (current is { } value && current != written)
                {
                    try
                    {
                        await queue.ReportProgressAsync(id, owner, value.Stage, value.Fraction, stop.Token);
                        written = current;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The database is briefly unreachable: progress is advisory, the next tick writes it.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
