using System.Collections.Concurrent;
using VideoTranslation.Pipeline.Orchestration;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// How long each pipeline stage takes on this server, per second of media: a moving average of what the workers
/// measure, starting from the figures in docs/benchmarks.md. The basis of every job's time estimate.
/// </summary>
public sealed class StageSpeeds
{
    /// <summary>
    /// Every stage of a video job in order, with its starting estimate in seconds per media second: the 600 s row
    /// of docs/benchmarks.md (stage seconds / 600) on the 2-core machine, until this server measures its own.
    /// </summary>
    public static readonly IReadOnlyList<(PipelineStage Stage, double SecondsPerMediaSecond)> Defaults =
    [
        (PipelineStage.Probing, 0.0001), (PipelineStage.ExtractingAudio, 0.0003), (PipelineStage.Transcribing, 0.105),
        (PipelineStage.Translating, 0.0003), (PipelineStage.Synthesizing, 0.0027), (PipelineStage.Mixing, 0.044), (PipelineStage.Muxing, 0.0005),
    ];

    // Weight of the newest measurement: recent runs count most, one odd run does not swing the estimate.
    private const double Smoothing = 0.3;

    private readonly ConcurrentDictionary<string, double> speeds = new(Defaults.ToDictionary(d => d.Stage.JobStageName(), d => d.SecondsPerMediaSecond), StringComparer.Ordinal);

    public double SecondsPerMediaSecond(string stage) => speeds.GetValueOrDefault(stage);

    /// <summary>Folds in one measurement: <paramref name="stage"/> took <paramref name="elapsed"/> on <paramref name="mediaSeconds"/> of media.</summary>
    public void Record(string stage, TimeSpan elapsed, double mediaSeconds)
    {
        if (mediaSeconds <= 0 || !speeds.ContainsKey(stage))
        {
            return;
        }

        var measured = elapsed.TotalSeconds / mediaSeconds;
        speeds.AddOrUpdate(stage, measured, (_, previous) => previous + (Smoothing * (measured - previous)));
    }

    /// <summary>Expected seconds for a whole job on <paramref name="mediaSeconds"/> of media into <paramref name="languages"/> languages.</summary>
    public double ExpectedSeconds(double mediaSeconds, int languages) =>
        Defaults.Sum(d => SecondsPerMediaSecond(d.Stage.JobStageName()) * mediaSeconds * (d.Stage.RunsPerLanguage() ? languages : 1));
}
