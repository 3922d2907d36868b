using System.Collections.Concurrent;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// How long each pipeline stage takes on this server, per second of media: a moving average of what the workers
/// measure, starting from the figures in docs/benchmarks.md. The basis of every job's time estimate.
/// </summary>
public sealed class StageSpeeds
{
    /// <summary>Stages that run once per target language.</summary>
    public static readonly IReadOnlySet<string> PerLanguage = new HashSet<string>(StringComparer.Ordinal) { "translating", "synthesizing", "mixing" };

    /// <summary>
    /// Every stage of a video job in order, with its starting estimate in seconds per media second: the 600 s row
    /// of docs/benchmarks.md (stage seconds / 600) on the 2-core machine, until this server measures its own.
    /// </summary>
    public static readonly IReadOnlyList<(string Stage, double SecondsPerMediaSecond)> Defaults =
    [
        ("probing", 0.0001), ("extracting_audio", 0.0003), ("transcribing", 0.105),
        ("translating", 0.0003), ("synthesizing", 0.0027), ("mixing", 0.044), ("muxing", 0.0005),
    ];

    // Weight of the newest measurement: recent runs count most, one odd run does not swing the estimate.
    private const double Smoothing = 0.3;

    private readonly ConcurrentDictionary<string, double> speeds = new(Defaults.ToDictionary(d => d.Stage, d => d.SecondsPerMediaSecond), StringComparer.Ordinal);

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
        Defaults.Sum(d => SecondsPerMediaSecond(d.Stage) * mediaSeconds * (PerLanguage.Contains(d.Stage) ? languages : 1));
}
