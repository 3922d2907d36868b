using VideoTranslation.Domain;

namespace VideoTranslation.Server.Api.Seed;

/// <summary>Answer to <c>GET /job/{job_id}</c>, exactly the seed's shape.</summary>
public sealed record SeedJobResponse(
    string JobId,
    JobStatus Status,
    string SourceLanguage,
    string TargetLanguage,
    DateTime CreatedAt,
    string? ErrorMessage)
{
    public static SeedJobResponse From(TranslationJob job) => new(
        job.Id.Value,
        job.Status.ToSeedStatus(),
        job.Languages.Source.Value,
        job.Languages.Target.Value,
        job.CreatedAt.UtcDateTime,
        job.ErrorMessage);
}
