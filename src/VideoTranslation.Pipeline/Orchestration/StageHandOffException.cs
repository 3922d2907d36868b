namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// The run reached a stage with work left that it may not do (<see cref="PipelineRequest.Stages"/>). Everything
/// before it is saved in the work directory, so whoever may do <see cref="Stage"/> resumes from there.
/// </summary>
public sealed class StageHandOffException(PipelineStage stage)
    : Exception($"The {stage} stage is left to another worker.")
{
    public PipelineStage Stage { get; } = stage;
}
