namespace VideoTranslation.Client;

/// <summary>A translation job as the server reports it (<c>GET /job/{job_id}</c>).</summary>
public sealed record TranslationJob(
    string JobId,
    TranslationJobStatus Status,
    string SourceLanguage,
    string TargetLanguage,
    DateTimeOffset CreatedAt,
    string? ErrorMessage)
{
    /// <summary>True once the job will change no more.</summary>
    public bool IsFinished => Status is TranslationJobStatus.Completed or TranslationJobStatus.Error or TranslationJobStatus.Cancelled;
}
