using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>What an idempotent create did: made a new job, found the same one, or found a different one under that id.</summary>
public abstract record CreateJobResult(TranslationJob Job)
{
    public sealed record Created(TranslationJob Job) : CreateJobResult(Job);

    /// <summary>A job with that id and the same request already existed: the same job is returned.</summary>
    public sealed record AlreadyExists(TranslationJob Job) : CreateJobResult(Job);

    /// <summary>A job with that id exists but was asked for something else.</summary>
    public sealed record Conflict(TranslationJob Job) : CreateJobResult(Job);
}
