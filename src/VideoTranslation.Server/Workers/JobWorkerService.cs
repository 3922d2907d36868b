using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Observability;
using VideoTranslation.Server.Operations;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Workers;

/// <summary>
/// Runs jobs in this process: <see cref="WorkerOptions.Concurrency"/> slots, each claiming one job at a time
/// from the queue (<see cref="ClaimLoop"/>: an idle slot sleeps until a new job is signalled or the next one falls
/// due). Performing a job gives a <see cref="JobOutcome"/>, which <see cref="RecordAsync"/> writes down.
/// </summary>
internal sealed partial class JobWorkerService(
    IJobQueue queue,
    JobSignal signal,
    ITranslationEngine engine,
    StageSpeeds speeds,
    JobCancellations cancellations,
    IJobRepository jobs,
    IArtifactStore store,
    ServiceMetrics metrics,
    WorkerRegistry registry,
    ProcessInstance instance,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<JobWorkerService> logger) : BackgroundService
{
    private readonly WorkerOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            LogDisabled();
            return Task.CompletedTask;
        }

        LogStarting(settings.Concurrency, instance.Id, string.Join(", ", settings.QueueSet.Order()));
        var slots = Enumerable.Range(0, settings.Concurrency).Select(slot => RunSlotAsync(instance.Slot(null, slot), stoppingToken));
        return Task.WhenAll([.. slots, AnnounceAsync(stoppingToken)]);
    }

    /// <summary>Keeps this process in the operator view (<see cref="WorkerRegistry"/>) while it runs, and takes it out at a graceful stop.</summary>
    private async Task AnnounceAsync(CancellationToken stoppingToken)
    {
        var startedAt = clock.GetUtcNow();
        using var timer = new PeriodicTimer(settings.HeartbeatInterval, clock);
        try
        {
            do
            {
                try
                {
                    await registry.BeatAsync(instance.Id, settings.QueueSet, settings.Concurrency, startedAt, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogAnnounceFailed(ex.Message); // the slots report the database being away; this is only the operator view
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        try
        {
            await registry.RemoveAsync(instance.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogAnnounceFailed(ex.Message);
        }
    }

    private Task RunSlotAsync(string owner, CancellationToken stoppingToken) => ClaimLoop.RunAsync(
        signal,
        async cancellationToken =>
        {
            if (await queue.ClaimNextAsync(owner, settings.LeaseDuration, cancellationToken) is not { } job)
            {
                return false;
            }

            await RunJobAsync(job, owner, cancellationToken);
            return true;
        },
        queue.GetNextDueTimeAsync,
        settings.MaxIdleWait,
        clock,
        LogQueueError,
        stoppingToken);

    private async Task RunJobAsync(TranslationJob job, string owner, CancellationToken stoppingToken)
    {
        // A message-template scope: printed as "Job <id>" by the console and kept as a JobId field by structured sinks.
        using var scope = logger.BeginScope("Job {JobId}", job.Id.Value);
        LogJobStarted(job.Languages.Source.Value, job.Languages.Target.Value, job.Attempts);
        var started = clock.GetTimestamp();
        var outcome = await PerformAsync(job, owner, stoppingToken);
        await RecordAsync(job, owner, outcome, clock.GetElapsedTime(started).TotalSeconds, stoppingToken);
    }

    /// <summary>Runs the job under a lease kept alive by heartbeats, and says how the attempt ended.</summary>
    private async Task<JobOutcome> PerformAsync(TranslationJob job, string owner, CancellationToken stoppingToken)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var cancellation = cancellations.Register(job.Id, work);
        using var heartbeats = new PeriodicTimer(settings.HeartbeatInterval, clock);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(job.Id, owner, work, heartbeats, stopHeartbeat.Token);
        try
        {
            var mediaSeconds = job.Video?.MediaSeconds ?? 0;
            await using var progress = new ProgressRecorder(queue, job.Id, owner, clock, (stage, took) =>
            {
                speeds.Record(stage, took, mediaSeconds);
                metrics.StageFinished(stage, took);
            });
            var outcome = await engine.TranslateAsync(job, progress, work.Token);
            if (outcome is JobOutcome.Completed)
            {
                progress.Completed();
            }

            return outcome;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return JobOutcome.Released.Instance;
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // The job was cancelled, or the heartbeat found the lease gone (another worker owns the job now).
            return (await jobs.GetAsync(job.Id, CancellationToken.None))?.State is JobState.Cancelled or null
                ? JobOutcome.Cancelled.Instance
                : JobOutcome.LeaseLost.Instance;
        }
        catch (Exception ex)
        {
            return new JobOutcome.Retrying(ex);
        }
        finally
        {
            // The timer's end stops the heartbeats without an exception (a cancelled wait would throw one, with its stack
            // trace, at the end of every job); the token stops a renewal under way.
            heartbeats.Dispose();
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Writes down how an attempt ended: the one place a job's outcome reaches the queue, the metrics and the log.</summary>
    private async Task RecordAsync(TranslationJob job, string owner, JobOutcome outcome, double seconds, CancellationToken stoppingToken)
    {
        switch (outcome)
        {
            case JobOutcome.Completed:
                if (await PersistAsync(() => queue.CompleteAsync(job.Id, owner, CancellationToken.None), stoppingToken))
                {
                    metrics.JobFinished("completed");
                    LogJobCompleted(seconds);
                }
                else
                {
                    LogLeaseLostAtEnd();
                }

                break;
            case JobOutcome.Failed failed:
                await PersistAsync(() => queue.FailAsync(job.Id, owner, PublicErrorMessage.Scrub(failed.Message), failed.Code, CancellationToken.None), stoppingToken);
                metrics.JobFinished("failed");
                LogJobFailed(failed.Message, seconds, ToolOutput(failed.Cause));
                break;
            case JobOutcome.HandedOff handedOff:
                await PersistAsync(() => queue.HandOffAsync(job.Id, owner, handedOff.Queue, CancellationToken.None), stoppingToken);
                LogJobHandedOff(handedOff.Queue, seconds);
                break;
            case JobOutcome.Retrying retrying:
                var delay = settings.RetryDelayAfter(job.Attempts);
                await PersistAsync(() => queue.RetryLaterAsync(job.Id, owner, delay, PublicErrorMessage.For(retrying.Cause), CancellationToken.None), stoppingToken);
                metrics.JobFinished("retrying");
                LogJobRetrying(retrying.Cause, job.Attempts, settings.MaxAttempts, delay.TotalSeconds, ToolOutput(retrying.Cause));
                break;
            case JobOutcome.Released:
                // Shutting down: hand the job back at once instead of letting its lease run out.
                await queue.ReleaseAsync(job.Id, owner, CancellationToken.None);
                LogJobReleased();
                break;
            case JobOutcome.Cancelled:
                await store.DeleteAsync(job.Id, CancellationToken.None); // its partial artifacts
                metrics.JobFinished("cancelled");
                LogJobCancelled(seconds);
                break;
            case JobOutcome.LeaseLost:
                LogLeaseLost();
                break;
        }
    }

    /// <summary>A failed tool's last lines of output, for the operator's log (never for the job's user: see <see cref="PublicErrorMessage"/>).</summary>
    private static string ToolOutput(Exception? ex) =>
        ex is Pipeline.Tools.ToolException { StandardError.Length: > 0 } tool ? Pipeline.Tools.ExternalTool.LastLines(tool.StandardError) : "";

    /// <summary>
    /// Records a job's outcome, trying again while the database is unreachable (a restart, a failover) for as long
    /// as the lease would have kept the job ours: the work is done and should not be redone for a blip.
    /// </summary>
    private async Task<bool> PersistAsync(Func<Task<bool>> write, CancellationToken stoppingToken)
    {
        var deadline = clock.GetUtcNow() + settings.LeaseDuration;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && clock.GetUtcNow() < deadline && !stoppingToken.IsCancellationRequested)
            {
                LogPersistRetry(ex.Message, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, attempt))), clock, CancellationToken.None);
            }
        }
    }

    /// <summary>Renews the lease at each tick of <paramref name="timer"/> (every third of its length) until the timer is disposed; cancels <paramref name="work"/> if the lease is lost.</summary>
    private async Task KeepLeaseAsync(JobId id, string owner, CancellationTokenSource work, PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(CancellationToken.None))
            {
                try
                {
                    if (!await queue.RenewLeaseAsync(id, owner, settings.LeaseDuration, stop))
                    {
                        await work.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One missed heartbeat is survivable: the lease outlasts three intervals.
                    LogHeartbeatFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Debug, "Could not update this worker in the operator view: {Reason}")]
    private partial void LogAnnounceFailed(string reason);

    [LoggerMessage(LogLevel.Information, "Workers disabled in this process: it serves the API only")]
    private partial void LogDisabled();

    [LoggerMessage(LogLevel.Information, "Starting {Concurrency} worker slots as {Instance}, serving the queues {Queues}")]
    private partial void LogStarting(int concurrency, string instance, string queues);

    [LoggerMessage(LogLevel.Information, "Job started: {Source} -> {Target}, attempt {Attempt}")]
    private partial void LogJobStarted(string source, string target, int attempt);

    [LoggerMessage(LogLevel.Information, "Job completed in {Seconds:0.00} s")]
    private partial void LogJobCompleted(double seconds);

    [LoggerMessage(LogLevel.Information, "Job failed after {Seconds:0.00} s: {Error} {ToolOutput}")]
    private partial void LogJobFailed(string error, double seconds, string toolOutput);

    [LoggerMessage(LogLevel.Warning, "Job hit a transient error on attempt {Attempt} of {MaxAttempts}; retrying in {DelaySeconds:0.0} s {ToolOutput}")]
    private partial void LogJobRetrying(Exception exception, int attempt, int maxAttempts, double delaySeconds, string toolOutput);

    [LoggerMessage(LogLevel.Information, "Job handed on to the {Queue} queue after {Seconds:0.00} s: this process does not serve it")]
    private partial void LogJobHandedOff(string queue, double seconds);

    [LoggerMessage(LogLevel.Information, "Job cancelled after {Seconds:0.00} s; stopped and removed its files")]
    private partial void LogJobCancelled(double seconds);

    [LoggerMessage(LogLevel.Information, "Job handed back to the queue: this process is shutting down")]
    private partial void LogJobReleased();

    [LoggerMessage(LogLevel.Warning, "Lost the job's lease (it expired and another worker took the job); stopped working on it")]
    private partial void LogLeaseLost();

    [LoggerMessage(LogLevel.Warning, "Finished the job but no longer held its lease; the result was discarded")]
    private partial void LogLeaseLostAtEnd();

    [LoggerMessage(LogLevel.Warning, "Could not renew the job's lease; trying again at the next heartbeat")]
    private partial void LogHeartbeatFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Could not record the job's outcome ({Reason}); trying again (attempt {Attempt})")]
    private partial void LogPersistRetry(string reason, int attempt);

    [LoggerMessage(LogLevel.Error, "Worker could not reach the job queue; retrying in 1 s")]
    private partial void LogQueueError(Exception exception);
}
