using System.Globalization;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// The seed server's engine: each job takes a random time between a minimum and a maximum and fails with a
/// configured probability. For testing clients; it translates nothing. It reports its progress as it goes (a tenth
/// at a time, at most four times a second), as a real engine would, so clients see progress and estimates.
/// </summary>
internal sealed class SimulatedTranslationEngine(IOptionsMonitor<SimulationOptions> options, TimeProvider clock) : ITranslationEngine
{
    public async Task<JobOutcome> TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var seconds = settings.NextSeconds(Random.Shared);
        var total = TimeSpan.FromSeconds(seconds * settings.TimeScale);
        var step = TimeSpan.FromMilliseconds(Math.Max(250, total.TotalMilliseconds / 10));
        var started = clock.GetTimestamp();
        progress.Report(new JobProgress(JobStage.Running, 0));
        for (var elapsed = TimeSpan.Zero; elapsed < total; elapsed = clock.GetElapsedTime(started))
        {
            var left = total - elapsed;
            await Task.Delay(left < step ? left : step, clock, cancellationToken);
            progress.Report(new JobProgress(JobStage.Running, Math.Min(1, clock.GetElapsedTime(started) / total)));
        }

        return Random.Shared.NextDouble() < settings.ErrorRate
            ? new JobOutcome.Failed(ErrorCodes.TranslationFailed, string.Create(
                CultureInfo.InvariantCulture,
                $"Simulated failure: translating {job.Languages.Source} to {job.Languages.Target} failed after {seconds:0.0} s (the simulated engine fails {settings.ErrorRate * 100:0.#}% of jobs)."))
            : JobOutcome.Completed.Instance;
    }
}
