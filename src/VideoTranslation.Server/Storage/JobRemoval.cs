using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>What cancelling or deleting a job did.</summary>
public abstract record JobRemoval
{
    /// <summary>Done; <see cref="Job"/> is the job as it was left (cancelled) or as it was before it was deleted.</summary>
    public sealed record Done(TranslationJob Job) : JobRemoval;

    /// <summary>Refused because of the job's state: cancelling a finished job, or deleting an unfinished one.</summary>
    public sealed record WrongState(TranslationJob Job) : JobRemoval;

    public sealed record NotFound : JobRemoval;
}
