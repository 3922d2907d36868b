namespace VideoTranslation.Client;

/// <summary>A job's status as the server reports it.</summary>
public enum TranslationJobStatus
{
    /// <summary>A status this client version does not know; treated as still running.</summary>
    Unknown,
    /// <summary>Queued or running.</summary>
    Pending,
    /// <summary>Finished successfully.</summary>
    Completed,
    /// <summary>Finished with an error; see <see cref="TranslationJob.ErrorMessage"/>.</summary>
    Error,
    /// <summary>Stopped at a client's request (v1 API; the seed view shows it as <see cref="Error"/>).</summary>
    Cancelled,
}
