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

    /// <summary>A machine-readable reason for <see cref="ErrorMessage"/>, e.g. <c>no_audio</c>.</summary>
    public string? ErrorCode { get; init; }

    public JobKind Kind { get; init; } = JobKind.Simulated;

    /// <summary>For video jobs: what was asked. Null for simulated jobs.</summary>
    public VideoJobSpec? Video { get; init; }

    /// <summary>The stage the job is in while it runs (e.g. <c>transcribing</c>); <c>queued</c> before.</summary>
    public string? Stage { get; init; }

    /// <summary>How far the job is, 0 to 1.</summary>
    public double Progress { get; init; }

    /// <summary>When a worker first started the job; null while it has never run.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Counts the job's visible changes (state, stage, progress); the id of its latest event.</summary>
    public long Version { get; init; }

    /// <summary>Where to POST the job when it finishes (a webhook), if the client asked.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>Whose job it is: the tenant of the API key that created it (<see cref="Tenants.Default"/> on an open server).</summary>
    public string Tenant { get; init; } = Tenants.Default;

    public JobStatus Status => State.ToStatus();
}
