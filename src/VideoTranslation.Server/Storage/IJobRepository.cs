using VideoTranslation.Domain;

namespace VideoTranslation.Server.Storage;

/// <summary>The API's view of the job store: create jobs, read them and their history, cancel and delete them.</summary>
public interface IJobRepository
{
    /// <summary>
    /// Stores a new queued job, or returns the existing one when <paramref name="id"/> is taken
    /// (the same request makes the call idempotent; a different one is a conflict). With a <paramref name="pendingLimit"/>,
    /// a new job is made only while the tenant has fewer jobs pending, checked and inserted as one step.
    /// </summary>
    Task<CreateJobResult> CreateAsync(JobId id, string tenant, LanguagePair languages, string? callbackUrl, int? pendingLimit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new queued video job; <paramref name="languages"/> holds the first target, for the seed view. With an
    /// <paramref name="idempotencyKey"/> already used, returns that job instead (the same request) or a conflict (another).
    /// <paramref name="pendingLimit"/> as for <see cref="CreateAsync"/>.
    /// </summary>
    Task<CreateJobResult> CreateVideoAsync(
        JobId id, string tenant, LanguagePair languages, VideoJobSpec spec, string? callbackUrl, string? idempotencyKey, string fingerprint,
        int? pendingLimit, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's jobs, newest first, optionally in one <paramref name="status"/>, starting after the job
    /// <paramref name="after"/> (the last of the previous page).
    /// </summary>
    Task<IReadOnlyList<TranslationJob>> ListAsync(string tenant, JobStatus? status, (DateTimeOffset CreatedAt, string Id)? after, int limit, CancellationToken cancellationToken);

    Task<TranslationJob?> GetAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a completed video job back in <paramref name="queue"/> to render the edited cue <paramref name="tracks"/>: pending
    /// again, with its stage and progress from the start, and those tracks marked for the render, in one step; null when
    /// the job is not a completed video job (then nothing changes).
    /// </summary>
    Task<TranslationJob?> RenderAsync(JobId id, string queue, IReadOnlyList<string> tracks, CancellationToken cancellationToken);

    /// <summary>How many of the tenant's jobs are pending (queued or running).</summary>
    Task<long> CountPendingAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>The job's changes after version <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<JobEvent>> GetEventsAsync(JobId id, long afterVersion, CancellationToken cancellationToken);

    /// <summary>Cancels a queued or running job (a worker running it here stops at once).</summary>
    Task<JobRemoval> CancelAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>Deletes a finished job's record, events and webhook deliveries (its files are the caller's).</summary>
    Task<JobRemoval> DeleteAsync(JobId id, CancellationToken cancellationToken);
}
