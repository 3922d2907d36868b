using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>Sends each job to the engine for its kind: the seed's simulated jobs, or real video jobs.</summary>
internal sealed class JobEngineRouter(SimulatedTranslationEngine simulated, VideoTranslationEngine video) : ITranslationEngine
{
    public Task<JobOutcome> TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken) => job.Kind switch
    {
        JobKind.Video => video.TranslateAsync(job, progress, cancellationToken),
        _ => simulated.TranslateAsync(job, progress, cancellationToken),
    };
}
