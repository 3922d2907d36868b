using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Estimates when a video job will finish. Before it runs: the measured speed of each stage on this server
/// times the media's length (per language where a stage runs per language). While it runs: that estimate less
/// the time spent, blended with an extrapolation of the job's own progress, trusted more as progress grows.
/// </summary>
public sealed class EtaEstimator(StageSpeeds speeds, TimeProvider clock)
{
    /// <summary>Seconds left, or null when the job is finished or not a video job.</summary>
    public double? SecondsLeft(TranslationJob job)
    {
        if (job.Video is not { MediaSeconds: > 0 } spec || job.Status != JobStatus.Pending)
        {
            return null;
        }

        var expected = speeds.ExpectedSeconds(spec.MediaSeconds, spec.TargetLanguages.Count);
        if (job.State != JobState.Running || job.StartedAt is not { } started)
        {
            return Math.Round(expected, 1);
        }

        var elapsed = Math.Max(0, (clock.GetUtcNow() - started).TotalSeconds);
        var byPlan = Math.Max(0, expected - elapsed);
        var progress = Math.Clamp(job.Progress, 0, 1);
        var byProgress = progress > 0 ? elapsed * (1 - progress) / progress : byPlan;
        return Math.Round(((1 - progress) * byPlan) + (progress * byProgress), 1);
    }
}
