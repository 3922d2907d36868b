namespace VideoTranslation.Domain;

/// <summary>A translation job as stored: what was asked, and where it stands.</summary>
public sealed record TranslationJob
{
    public required JobId Id { get; init; }
    public required LanguagePair Languages { get; init; }
    public required JobState State { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? ErrorMessage { get; init; }

    public JobStatus Status => State.ToStatus();
}
