namespace VideoTranslation.Pipeline.Media;

/// <summary>What ffprobe found in a file: its container, length and streams.</summary>
public sealed record MediaInfo(string FormatName, TimeSpan Duration, IReadOnlyList<VideoStreamInfo> VideoStreams, IReadOnlyList<AudioStreamInfo> AudioStreams)
{
    /// <summary>The demuxer every later ffmpeg run reads the file with (one of <see cref="ContainerFormats.Demuxers"/>).</summary>
    public string Demuxer => ContainerFormats.DemuxerOf(FormatName) ?? throw new MediaException(MediaError.NotMedia, $"The file's format ({FormatName}) is not one this service reads.");

    /// <summary>ffmpeg's input options for the file this describes, at <paramref name="path"/>.</summary>
    public string[] Input(string path) => ContainerFormats.Input(path, Demuxer);

    public VideoStreamInfo? Video => VideoStreams.Count > 0 ? VideoStreams[0] : null;

    public AudioStreamInfo? Audio => AudioStreams.Count > 0 ? AudioStreams[0] : null;
}

/// <summary>A video stream; <see cref="FramesPerSecond"/> drives subtitle timing rules (gaps of whole frames).</summary>
public sealed record VideoStreamInfo(int Index, string Codec, int Width, int Height, double FramesPerSecond, TimeSpan? Duration);

/// <summary>An audio stream; <see cref="Language"/> is its ISO 639-2 tag when the file has one.</summary>
public sealed record AudioStreamInfo(int Index, string Codec, int Channels, int SampleRate, string? Language, TimeSpan? Duration);
