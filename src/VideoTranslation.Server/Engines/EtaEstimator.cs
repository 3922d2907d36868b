using Microsoft.Extensions.Options;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Estimates when a video job will finish. Before it runs: the measured speed of each stage on this server
/// times the media's length (per language where a stage runs per language). While it runs: that estimate less
/// the time spent, blended with an extrapolation of the job's own progress, trusted more as progress grows.
/// A simulated job is expected to take its configured median duration.
/// </summary>
public sealed class EtaEstimator(StageSpeeds speeds, IOptionsMonitor<SimulationOptions> simulation, TimeProvider clock)
{
    /// <summary>Seconds left, or null when the job is finished or there is nothing to go on.</summary>
    public double? SecondsLeft(TranslationJob job)
    {
        if (job.Status != JobStatus.Pending || Expected(job) is not { } expected)
        {
            return null;
        }

        if (job.State != JobState.Running || job.StartedAt is not { } started)
        {
            return Math.Round(expected, 2);
        }

        var elapsed = Math.Max(0, (clock.GetUtcNow() - started).TotalSeconds);
        var byPlan = Math.Max(0, expected - elapsed);
        var progress = Math.Clamp(job.Progress, 0, 1);
        var byProgress = progress > 0 ? elapsed * (1 - progress) / progress : byPlan;
        return Math.Round(((1 - progress) * byPlan) + (progress * byProgress), 2);
    }

    private double? Expected(TranslationJob job) => job.Kind switch
    {
        JobKind.Video when job.Video is { MediaSeconds: > 0 } spec => speeds.ExpectedSeconds(spec.MediaSeconds, spec.TargetLanguages.Count),
        JobKind.Simulated => simulation.CurrentValue.MedianSeconds * simulation.CurrentValue.TimeScale,
        _ => null,
    };
}
