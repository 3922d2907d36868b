using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Does the work of one job and says how it ended: <see cref="JobOutcome.Completed"/>, <see cref="JobOutcome.Failed"/>
/// (retrying cannot fix it) or <see cref="JobOutcome.HandedOff"/>. An exception means a transient error: the worker
/// retries the job.
/// </summary>
public interface ITranslationEngine
{
    Task<JobOutcome> TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken);
}
