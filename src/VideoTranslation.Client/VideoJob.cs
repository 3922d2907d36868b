namespace VideoTranslation.Client;

/// <summary>
/// A job as the server's v1 API reports it (<c>GET /v1/jobs/{id}</c>, and each server-sent event): status, the stage
/// it is in, progress from 0 to 1, and the seconds the server expects it still needs (<see cref="EtaSeconds"/>).
/// </summary>
public sealed record VideoJob(
    string Id,
    TranslationJobStatus Status,
    string Stage,
    double Progress,
    double? EtaSeconds,
    string SourceLanguage,
    IReadOnlyList<string> TargetLanguages,
    string? FileName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    VideoJobError? Error,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Results,
    IReadOnlyList<JobSpeaker>? Speakers = null)
{
    /// <summary>True once the job will change no more.</summary>
    public bool IsFinished => Status is TranslationJobStatus.Completed or TranslationJobStatus.Error or TranslationJobStatus.Cancelled;
}

/// <summary>Why a video job failed: <see cref="Code"/> for programs (e.g. <c>no_audio</c>), <see cref="Message"/> for people.</summary>
public sealed record VideoJobError(string Code, string Message);

/// <summary>
/// A file a job produced, e.g. <c>es.srt</c> or <c>output.mp4</c>. <paramref name="Kind"/>: transcript, srt, vtt, dub,
/// dubbing_report, video, or original (the uploaded video); <paramref name="Language"/> null where it is of no one target language;
/// <paramref name="Revision"/> set on the kept subtitles and reports of an earlier render (<c>r1.es.srt</c>), null on the latest.
/// </summary>
public sealed record VideoArtifact(string Name, string ContentType, long Size, string Url, string Kind = "", string? Language = null, int? Revision = null);
