using System.Globalization;
using System.Net;
using Spectre.Console;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Output;

/// <summary>
/// A live progress bar (stage, progress, the server's estimate of time left) while the client waits for a job. On
/// a terminal only: piped output and <c>--json</c> get no animation.
/// </summary>
internal static class JobProgressBar
{
    public static bool Shown(bool json) => !json && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Waits for a v1 job, with the bar on a terminal.</summary>
    public static async Task<VideoJob> WaitAsync(VideoTranslationClient api, string jobId, string label, bool json, CancellationToken cancellationToken)
    {
        if (!Shown(json))
        {
            return await api.WaitForVideoJobAsync(jobId, progress: null, cancellationToken);
        }

        VideoJob? finished = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"{label}: queued"), maxValue: 1);
                try
                {
                    finished = await api.WaitForVideoJobAsync(jobId, new Reporter(task, label), cancellationToken);
                    task.Value = 1;
                }
                finally
                {
                    task.StopTask();
                }
            });
        return finished!;
    }

    /// <summary>
    /// Waits for a seed job: with the bar where the server also shows the job through its v1 API (which has stage and
    /// progress), then reads it in the seed's shape. A seed-only server is simply waited on.
    /// </summary>
    public static async Task<TranslationJob> WaitAsync(VideoTranslationClient api, TranslationOperation operation, bool json, CancellationToken cancellationToken)
    {
        if (Shown(json))
        {
            try
            {
                await WaitAsync(api, operation.JobId, $"job {operation.JobId}", json, cancellationToken);
            }
            catch (TranslationException)
            {
                // It failed: the seed wait below reports it in the seed's terms.
            }
            catch (TranslationApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // No v1 API on this server.
            }
        }

        return await operation.WaitForCompletionAsync(cancellationToken: cancellationToken);
    }

    private sealed class Reporter(ProgressTask task, string label) : IProgress<VideoJob>
    {
        public void Report(VideoJob value)
        {
            task.Value = value.Progress;
            var left = value.EtaSeconds is { } eta && value.Status == TranslationJobStatus.Pending
                ? string.Create(CultureInfo.InvariantCulture, $" · about {TimeSpan.FromSeconds(Math.Ceiling(eta)):g} left")
                : "";
            task.Description = Markup.Escape($"{label}: {value.Stage.Replace('_', ' ')}{left}");
        }
    }
}
