namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>A subtitle file that does not parse; the message names the line.</summary>
public sealed class SubtitleFormatException : Exception
{
    public SubtitleFormatException(string message)
        : base(message)
    {
    }

    public SubtitleFormatException()
        : this("The subtitle file does not parse.")
    {
    }

    public SubtitleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
