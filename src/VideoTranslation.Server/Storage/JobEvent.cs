using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// One visible change of a job, as stored: <see cref="Sequence"/> is the job's version after the change (1, 2, 3, ...),
/// so a reader that saw version N asks for the events after N and misses none.
/// </summary>
public sealed record JobEvent(long Sequence, JobState State, string? Stage, double Progress, string? ErrorCode, string? ErrorMessage, DateTimeOffset At)
{
    /// <summary>The job as it was right after this change.</summary>
    public TranslationJob Apply(TranslationJob job) => job with
    {
        State = State,
        Stage = Stage,
        Progress = Progress,
        ErrorCode = ErrorCode,
        ErrorMessage = ErrorMessage,
        UpdatedAt = At,
        Version = Sequence,
        CompletedAt = State.IsTerminal() ? job.CompletedAt ?? At : null,
    };
}
