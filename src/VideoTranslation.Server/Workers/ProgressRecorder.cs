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
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private JobProgress? latest;

    public ProgressRecorder(IJobQueue queue, JobId id, string owner, TimeProvider clock) =>
        loop = WriteAsync(queue, id, owner, clock);

    public void Report(JobProgress value)
    {
        lock (gate)
        {
            latest = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task WriteAsync(IJobQueue queue, JobId id, string owner, TimeProvider clock)
    {
        JobProgress? written = null;
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                JobProgress? current;
                lock (gate)
                {
                    current = latest;
                }

                if (current is { } value && current != written)
                {
                    await queue.ReportProgressAsync(id, owner, value.Stage, value.Fraction, stop.Token);
                    written = current;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
