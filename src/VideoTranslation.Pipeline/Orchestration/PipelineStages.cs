using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>What the rest of the system knows of each <see cref="PipelineStage"/>: the name a job shows while in it, and whether it runs once per target language.</summary>
public static class PipelineStages
{
    public static string JobStageName(this PipelineStage stage) => stage switch
    {
        PipelineStage.Probing => JobStage.Probing,
        PipelineStage.ExtractingAudio => JobStage.ExtractingAudio,
        PipelineStage.Transcribing => JobStage.Transcribing,
        PipelineStage.Translating => JobStage.Translating,
        PipelineStage.Synthesizing => JobStage.Synthesizing,
        PipelineStage.Mixing => JobStage.Mixing,
        PipelineStage.Muxing => JobStage.Muxing,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown pipeline stage."),
    };

    public static bool RunsPerLanguage(this PipelineStage stage) => stage is PipelineStage.Translating or PipelineStage.Synthesizing or PipelineStage.Mixing;
}
