using System.Diagnostics.Metrics;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Observability;

/// <summary>
/// The service's OpenTelemetry metrics (meter <c>VideoTranslation</c>), scraped at <c>/metrics</c>. From the job
/// database, so the same on every node: jobs by state, queue depth, lease expiries (jobs taken over from a dead
/// worker), pending webhooks. From this process: how long each pipeline stage took, jobs finished by outcome, and
/// how many jobs have someone waiting on them (long-polls and event streams).
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    public const string MeterName = "VideoTranslation";

    // A scrape reads the database at most this often; several instruments share one read.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly Meter meter;
    private readonly Histogram<double> stageSeconds;
    private readonly Counter<long> finished;
    private readonly Func<JobStatistics> read;
    private readonly Lock gate = new();
    private (DateTime At, JobStatistics? Value) cached;

    public ServiceMetrics(IMeterFactory meters, IServiceProvider services, JobChanges changes)
    {
        meter = meters.Create(MeterName);
        read = () => services.GetRequiredService<SqlJobStore>().GetStatisticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        stageSeconds = meter.CreateHistogram<double>("vts.stage.duration", "s", "How long each pipeline stage of a job took.");
        finished = meter.CreateCounter<long>("vts.jobs.finished", "{job}", "Jobs this process finished, by outcome.");
        meter.CreateObservableGauge("vts.jobs", () => Statistics() is { } stats
            ? stats.JobsByState.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key)))
            : [], "{job}", "Jobs in the database, by state.");
        meter.CreateObservableGauge("vts.queue.depth", () => Statistics()?.QueueDepth ?? 0, "{job}", "Queued jobs due now, waiting for a worker.");
        meter.CreateObservableCounter("vts.lease.expiries", () => Statistics()?.LeaseExpiries ?? 0, "{lease}", "Leases that ran out (a worker died) and were taken over.");
        meter.CreateObservableGauge("vts.webhooks.pending", () => Statistics()?.PendingWebhooks ?? 0, "{delivery}", "Webhook deliveries not yet delivered or given up.");
        meter.CreateObservableGauge("vts.waiters", () => changes.WatchedJobs, "{job}", "Jobs with a long-poll or event stream waiting on them here.");
    }

    public void StageFinished(string stage, TimeSpan took) => stageSeconds.Record(took.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void JobFinished(string outcome) => finished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => meter.Dispose();

    private JobStatistics? Statistics()
    {
        lock (gate)
        {
            if (cached.Value is null || DateTime.UtcNow - cached.At > CacheFor)
            {
                try
                {
                    cached = (DateTime.UtcNow, read());
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return cached.Value; // the database is unreachable: report what we last knew
                }
            }

            return cached.Value;
        }
    }
}
