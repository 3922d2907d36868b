using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// Removes job directories that have no job: uploads cut off when an API node died mid-request (a job row is written
/// only once an upload is complete and checked, so no half job is ever visible). Runs at start and then hourly; only
/// directories untouched for <see cref="MinimumAge"/> go, so an upload in progress on another node is left alone.
/// Finished jobs' local copies go too where the artifact store keeps the files elsewhere (a bucket).
/// </summary>
internal sealed partial class OrphanedUploadSweeper(
    IJobRepository jobs, IArtifactStore store, JobFiles files, TimeProvider clock, ILogger<OrphanedUploadSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var root = files.Root;
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var age = clock.GetUtcNow() - Directory.GetLastWriteTimeUtc(directory);
            if (age < MinimumAge || !JobId.TryParse(Path.GetFileName(directory), out var id, out _))
            {
                continue;
            }

            if (await jobs.GetAsync(id, cancellationToken) is { } job)
            {
                if (job.State.IsTerminal())
                {
                    await store.EvictLocalCopyAsync(id); // e.g. downloads fetched from a bucket; the bucket keeps them
                }

                continue;
            }

            await store.DeleteAsync(id, cancellationToken);
            removed++;
            LogRemoved(Path.GetFileName(directory), age.TotalHours);
        }

        return removed;
    }

    [LoggerMessage(LogLevel.Information, "Removed the files of upload {Id}, which never became a job ({AgeHours:0.0} h old)")]
    private partial void LogRemoved(string id, double ageHours);

    [LoggerMessage(LogLevel.Warning, "Could not sweep orphaned uploads; trying again in an hour")]
    private partial void LogSweepFailed(Exception exception);
}
