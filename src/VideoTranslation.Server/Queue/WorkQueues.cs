using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;

namespace VideoTranslation.Server.Queue;

/// <summary>
/// The queues jobs wait in, named by the work they need next. A worker serves all of them unless it is limited
/// (<c>Workers:Queues</c>), so heavy stages can run on the machines made for them: a GPU machine takes only
/// <see cref="Recognition"/>, say. A video job moves from queue to queue as its stages are done.
/// </summary>
public static class WorkQueues
{
    /// <summary>The seed's simulated jobs.</summary>
    public const string Simulated = "simulated";

    /// <summary>Extracting audio and speech recognition.</summary>
    public const string Recognition = "recognition";

    /// <summary>Machine translation of the subtitles.</summary>
    public const string Translation = "translation";

    /// <summary>Speech synthesis, mixing the dub and muxing the output video.</summary>
    public const string Synthesis = "synthesis";

    public static IReadOnlyList<string> All { get; } = [Simulated, Recognition, Translation, Synthesis];

    /// <summary>The queue whose workers do <paramref name="stage"/> (probing is done by whoever runs a job).</summary>
    public static string For(PipelineStage stage) => stage switch
    {
        PipelineStage.Probing or PipelineStage.ExtractingAudio or PipelineStage.Transcribing => Recognition,
        PipelineStage.Translating => Translation,
        _ => Synthesis,
    };

    /// <summary>Where a new job waits: video jobs with provided subtitles skip recognition.</summary>
    public static string First(JobKind kind, VideoJobSpec? spec) => kind switch
    {
        JobKind.Video => spec?.SourceSubtitlesExtension is null ? Recognition : Translation,
        _ => Simulated,
    };

    /// <summary>The pipeline stages a worker serving <paramref name="queues"/> may do.</summary>
    public static IReadOnlySet<PipelineStage> Stages(IReadOnlySet<string> queues) =>
        Enum.GetValues<PipelineStage>().Where(stage => queues.Contains(For(stage))).ToHashSet();
}
