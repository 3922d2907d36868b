using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// What an idempotent create did: made a new job, found the same one, found a different one under that id, or made
/// none because the tenant already has as many pending jobs as it may.
/// </summary>
public abstract record CreateJobResult
{
    /// <summary>The job the request gets: made now, or made before by the same request; null when it gets none.</summary>
    public virtual TranslationJob? Granted => null;

    public sealed record Created(TranslationJob Job) : CreateJobResult
    {
        public override TranslationJob? Granted => Job;
    }

    /// <summary>A job with that id and the same request already existed: the same job is returned.</summary>
    public sealed record AlreadyExists(TranslationJob Job) : CreateJobResult
    {
        public override TranslationJob? Granted => Job;
    }

    /// <summary>A job with that id exists but was asked for something else.</summary>
    public sealed record Conflict(TranslationJob Job) : CreateJobResult;

    /// <summary>The tenant has <paramref name="Pending"/> jobs pending, its limit: no job was made.</summary>
    public sealed record OverQuota(long Pending) : CreateJobResult;
}
