using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Media;

/// <summary>The input cannot be translated, for a reason the user can fix (<see cref="Error"/>); retrying will not help.</summary>
public sealed class MediaException : Exception
{
    public MediaException(MediaError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public MediaException()
        : this(MediaError.NotMedia, "The file is not media that can be translated.")
    {
    }

    public MediaException(string message)
        : this(MediaError.NotMedia, message)
    {
    }

    public MediaException(string message, Exception innerException)
        : this(MediaError.NotMedia, message, innerException)
    {
    }

    public MediaError Error { get; }

    /// <summary>The error as the API names it, e.g. <c>no_audio</c>.</summary>
    public string Code => Error switch
    {
        MediaError.Empty => ErrorCodes.EmptyFile,
        MediaError.NotMedia => ErrorCodes.NotMedia,
        MediaError.Truncated => ErrorCodes.Truncated,
        MediaError.NoAudio => ErrorCodes.NoAudio,
        MediaError.ZeroDuration => ErrorCodes.ZeroDuration,
        MediaError.TooLong => ErrorCodes.MediaTooLong,
        _ => ErrorCodes.InvalidMedia,
    };
}
