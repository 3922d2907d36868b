namespace VideoTranslation.Client;

/// <summary>The job ended in <c>error</c>; <see cref="ServerMessage"/> is the server's explanation.</summary>
public sealed class TranslationException : Exception
{
    /// <summary>Creates the exception for a job that ended in error.</summary>
    public TranslationException(TranslationJob job)
        : base($"Translation job '{job.JobId}' failed: {job.ErrorMessage ?? "the server gave no reason"}")
    {
        Job = job;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TranslationException()
        : this("Translation failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TranslationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TranslationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failed job as last reported, when known.</summary>
    public TranslationJob? Job { get; }

    /// <summary>The failed job's id, when known.</summary>
    public string? JobId => Job?.JobId;

    /// <summary>The server's <c>error_message</c> for the job, when known.</summary>
    public string? ServerMessage => Job?.ErrorMessage;
}
