namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>The stages of a translation, in order; the job resource reports the current one.</summary>
public enum PipelineStage
{
    Probing,
    ExtractingAudio,
    Transcribing,
    Translating,
    Synthesizing,
    Mixing,
    Muxing,
}
