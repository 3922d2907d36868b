namespace VideoTranslation.Server.Engines;

/// <summary>A job failed for a reason retrying cannot fix; <see cref="Exception.Message"/> is shown to the user.</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a machine-readable <paramref name="code"/>, e.g. <c>no_audio</c>.</summary>
    public JobFailedException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The reason as the API names it; null when the message is all there is.</summary>
    public string? Code { get; }
}
