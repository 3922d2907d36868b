namespace VideoTranslation.Client;

/// <summary>The job ended in <c>error</c>; <see cref="ServerMessage"/> is the server's explanation.</summary>
public sealed class TranslationException : Exception
{
    /// <summary>Creates the exception for a job that ended in error.</summary>
    public TranslationException(TranslationJob job)
        : base($"Translation job '{job.JobId}' failed: {job.ErrorMessage ?? "the server gave no reason"}")
    {
        Job = job;
        JobId = job.JobId;
        ServerMessage = job.ErrorMessage;
    }

    /// <summary>Creates the exception for a video job that ended in error.</summary>
    public TranslationException(VideoJob job)
        : base($"Video translation job '{job.Id}' failed ({job.Error?.Code ?? "unknown"}): {job.Error?.Message ?? "the server gave no reason"}")
    {
        VideoJob = job;
        JobId = job.Id;
        ServerMessage = job.Error?.Message;
        ErrorCode = job.Error?.Code;
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

    /// <summary>The failed seed job as last reported, when it was one.</summary>
    public TranslationJob? Job { get; }

    /// <summary>The failed video job as last reported, when it was one.</summary>
    public VideoJob? VideoJob { get; }

    /// <summary>The failed job's id, when known.</summary>
    public string? JobId { get; }

    /// <summary>The server's explanation of the failure, when known.</summary>
    public string? ServerMessage { get; }

    /// <summary>The server's machine-readable reason (video jobs), e.g. <c>no_audio</c>.</summary>
    public string? ErrorCode { get; }
}
