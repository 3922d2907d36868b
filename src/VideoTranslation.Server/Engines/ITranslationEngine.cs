using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Does the work of one job. Throws <see cref="JobFailedException"/> for a failure that retrying cannot fix
/// (the job ends in <c>error</c> with its message); any other exception counts as transient and the job is retried.
/// </summary>
public interface ITranslationEngine
{
    Task TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken);
}
