using VideoTranslation.Domain;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.V1;

/// <summary>Builds the job resource the same way wherever it is shown: the API, server-sent events, webhooks.</summary>
public sealed class JobResources(ArtifactCatalog artifacts, JobSpeakers speakers, EtaEstimator eta)
{
    public async Task<JobResource> CreateAsync(TranslationJob job, CancellationToken cancellationToken, IReadOnlyList<WebhookDeliveryRecord>? deliveries = null) =>
        JobResource.From(job, await artifacts.ForAsync(job, cancellationToken), eta.SecondsLeft(job), deliveries, await speakers.ForAsync(job, cancellationToken));

    /// <summary>Seconds until the job is expected to finish; null when finished or unknown.</summary>
    public double? SecondsLeft(TranslationJob job) => eta.SecondsLeft(job);
}
