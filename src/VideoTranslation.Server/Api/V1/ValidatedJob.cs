using VideoTranslation.Domain;

namespace VideoTranslation.Server.Api.V1;

/// <summary>A job request that checked out: what the job will do, in which languages, and whom it tells when done.</summary>
internal sealed record ValidatedJob(VideoJobSpec Spec, LanguagePair Languages, string? CallbackUrl);
