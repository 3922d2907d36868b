namespace VideoTranslation.Pipeline.Tools;

/// <summary>An external program (ffmpeg, pocketsphinx, ...) is missing or failed.</summary>
public sealed class ToolException : Exception
{
    public ToolException(string tool, string message, int? exitCode = null, string? standardError = null, Exception? innerException = null, bool timedOut = false)
        : base(message, innerException)
    {
        Tool = tool;
        ExitCode = exitCode;
        StandardError = standardError ?? "";
        TimedOut = timedOut;
    }

    public ToolException()
        : this("unknown", "An external tool failed.")
    {
    }

    public ToolException(string message)
        : this("unknown", message)
    {
    }

    public ToolException(string message, Exception innerException)
        : this("unknown", message, innerException: innerException)
    {
    }

    public string Tool { get; }

    /// <summary>The exit code; null when the tool could not be started at all.</summary>
    public int? ExitCode { get; }

    public string StandardError { get; }

    public bool IsMissing => ExitCode is null && !TimedOut;

    /// <summary>The tool ran past <see cref="ToolLimits.Timeout"/> and was killed.</summary>
    public bool TimedOut { get; }
}
