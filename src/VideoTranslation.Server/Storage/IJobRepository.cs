using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>The API's view of the job store: create jobs and read them.</summary>
public interface IJobRepository
{
    /// <summary>
    /// Stores a new queued job, or returns the existing one when <paramref name="id"/> is taken
    /// (the same request makes the call idempotent; a different one is a conflict).
    /// </summary>
    Task<CreateJobResult> CreateAsync(JobId id, LanguagePair languages, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new queued video job; <paramref name="languages"/> holds the first target, for the seed view. With an
    /// <paramref name="idempotencyKey"/> already used, returns that job instead (the same request) or a conflict (another).
    /// </summary>
    Task<CreateJobResult> CreateVideoAsync(
        JobId id, LanguagePair languages, VideoJobSpec spec, string? idempotencyKey, string fingerprint, CancellationToken cancellationToken);

    Task<TranslationJob?> GetAsync(JobId id, CancellationToken cancellationToken);
}
