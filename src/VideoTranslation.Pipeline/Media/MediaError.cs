namespace VideoTranslation.Pipeline.Media;

/// <summary>Why an input cannot be translated; each code has a message a user can act on.</summary>
public enum MediaError
{
    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>Not a format ffmpeg can read.</summary>
    NotMedia,

    /// <summary>The file stops before its end: an interrupted upload or copy.</summary>
    Truncated,

    /// <summary>No audio stream: there is no speech to translate.</summary>
    NoAudio,

    /// <summary>The media lasts no time at all.</summary>
    ZeroDuration,

    /// <summary>The media lasts longer than the service takes (measured on the media itself, not its header).</summary>
    TooLong,
}
