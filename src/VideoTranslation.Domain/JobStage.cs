namespace VideoTranslation.Domain;

/// <summary>
/// The stages a job shows (<c>stage</c> in the job resource and its events): the one list of their names. A job waits
/// as <see cref="Queued"/>; a simulated job runs as <see cref="Running"/>; a video job goes through the pipeline's
/// stages, <see cref="Probing"/> to <see cref="Muxing"/> (named from the pipeline in <c>PipelineStages</c>); a finished
/// job is <see cref="Done"/>.
/// </summary>
public static class JobStage
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Probing = "probing";
    public const string ExtractingAudio = "extracting_audio";
    public const string Transcribing = "transcribing";
    public const string Translating = "translating";
    public const string Synthesizing = "synthesizing";
    public const string Mixing = "mixing";
    public const string Muxing = "muxing";
    public const string Done = "done";

    /// <summary>The stage of a job that has recorded none (a seed job waiting or finished): where it is in the queue.</summary>
    public static string Of(JobState state) => state switch
    {
        JobState.Queued => Queued,
        JobState.Running => Running,
        _ => Done,
    };
}
