namespace VideoTranslation.Server.Engines;

/// <summary>A job failed for a reason retrying cannot fix; <see cref="Exception.Message"/> is shown to the user.</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
