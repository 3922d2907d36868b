using VideoTranslation.Domain;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.V1;

/// <summary>A job as <c>GET /v1/jobs/{id}</c> shows it.</summary>
public sealed record JobResource(
    string Id,
    JobStatus Status,
    string Stage,
    double Progress,
    double? EtaSeconds,
    string SourceLanguage,
    IReadOnlyList<string> TargetLanguages,
    string? FileName,
    JobOptionsResource? Options,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? CompletedAt,
    int Attempts,
    JobErrorResource? Error,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Results,
    IReadOnlyDictionary<string, string> Links,
    long Version,
    WebhookResource? Webhook,
    IReadOnlyList<SpeakerResource>? Speakers = null)
{
    public static JobResource From(
        TranslationJob job, IReadOnlyList<Artifact> artifacts, double? etaSeconds, IReadOnlyList<WebhookDeliveryRecord>? deliveries = null, IReadOnlyList<SpeakerResource>? speakers = null)
    {
        var self = $"/v1/jobs/{job.Id}";
        var targets = job.Video?.TargetLanguages ?? [job.Languages.Target.Value];

        // Per target language: its artifacts by kind (srt, vtt, dub, dubbing_report), as download links.
        var results = targets.ToDictionary(
            language => language,
            language => (IReadOnlyDictionary<string, string>)artifacts
                .Where(a => a.Language == language && a.Revision is null)
                .ToDictionary(a => a.Kind, a => a.UrlFor(job.Id)));

        return new JobResource(
            job.Id.Value,
            job.Status,
            job.Stage ?? JobStage.Of(job.State),
            job.Status == JobStatus.Completed ? 1 : job.Progress,
            etaSeconds,
            job.Languages.Source.Value,
            targets,
            job.Video?.FileName,
            job.Video is { } spec
                ? new JobOptionsResource(spec.Dub, spec.KeepOriginalAudio, spec.Subtitles, spec.SourceSubtitlesExtension is not null, spec.Speakers?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto")
                : null,
            job.CreatedAt.UtcDateTime,
            job.UpdatedAt.UtcDateTime,
            job.CompletedAt?.UtcDateTime,
            job.Attempts,
            job.ErrorMessage is { } message ? new JobErrorResource(job.ErrorCode ?? ErrorCodes.TranslationFailed, message) : null,
            results,
            new Dictionary<string, string> { ["self"] = self, ["artifacts"] = $"{self}/artifacts", ["events"] = $"{self}/events", ["cancel"] = $"{self}/cancel" },
            job.Version,
            job.CallbackUrl is { } url ? new WebhookResource(url, deliveries) : null,
            speakers);
    }
}

/// <summary>The job's <c>callback_url</c> and, on <c>GET /v1/jobs/{id}</c>, every delivery and attempt so far.</summary>
public sealed record WebhookResource(string CallbackUrl, IReadOnlyList<WebhookDeliveryRecord>? Deliveries);

/// <summary>The options the job was submitted with; <see cref="Speakers"/> is <c>auto</c> or the count given.</summary>
public sealed record JobOptionsResource(bool Dub, bool KeepOriginalAudio, string Subtitles, bool SourceSubtitles, string Speakers);

/// <summary>Why a job failed: a stable <see cref="Code"/> for programs and a <see cref="Message"/> for people.</summary>
public sealed record JobErrorResource(string Code, string Message);
