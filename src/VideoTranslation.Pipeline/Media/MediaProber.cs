using System.Globalization;
using System.Text.Json;
using CliWrap.Buffered;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Media;

/// <summary>Reads a file's container, duration and streams with ffprobe, and says precisely why a file is unusable.</summary>
public static class MediaProber
{
    public static async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length == 0)
        {
            throw new MediaException(MediaError.Empty, "The file is empty (0 bytes).");
        }

        BufferedCommandResult result;
        try
        {
            result = await ExternalTool.TryRunAsync(
                "ffprobe",
                ["-v", "error", "-protocol_whitelist", "file", "-format_whitelist", ContainerFormats.Whitelist, "-print_format", "json", "-show_format", "-show_streams", path],
                cancellationToken, limits: ExternalTool.Limits.ForProbing);
        }
        catch (ToolException ex) when (ex.TimedOut)
        {
            throw new MediaException(MediaError.NotMedia, "The file cannot be read: reading its headers took too long, as a damaged or crafted file's can.");
        }
        if (result.ExitCode != 0)
        {
            throw Unreadable(path, result.StandardError);
        }

        var output = JsonSerializer.Deserialize(result.StandardOutput, FfprobeJsonContext.Default.FfprobeOutput);
        if (output?.Format?.FormatName is { } format && ContainerFormats.DemuxerOf(format) is null)
        {
            throw NotAllowedFormat(); // the whitelist refuses it first; this keeps the two from ever disagreeing
        }

        var streams = output?.Streams ?? [];
        if (streams.Count == 0 && output?.Format?.FormatName is not null && FfprobeStream.ParseSeconds(output.Format.Duration) is null or { TotalSeconds: 0 })
        {
            // A valid container that holds nothing: an export or recording of zero length.
            throw new MediaException(MediaError.ZeroDuration, "The file is a valid media container, but it holds 0 seconds of media: there is nothing to translate.");
        }

        if (streams.Count == 0)
        {
            throw new MediaException(MediaError.NotMedia, "The file has no audio or video streams: it is not a media file.");
        }

        var video = streams.Where(s => s.CodecType == "video" && !IsCoverArt(s)).Select(s => new VideoStreamInfo(
            s.Index, s.CodecName ?? "unknown", s.Width ?? 0, s.Height ?? 0,
            FfprobeStream.ParseRate(s.AverageFrameRate) is > 0 and var average ? average : FfprobeStream.ParseRate(s.FrameRate),
            FfprobeStream.ParseSeconds(s.Duration))).ToList();
        var audio = streams.Where(s => s.CodecType == "audio").Select(s => new AudioStreamInfo(
            s.Index, s.CodecName ?? "unknown", s.Channels ?? 0, int.TryParse(s.SampleRate, out var rate) ? rate : 0,
            s.Tags?.GetValueOrDefault("language") is { } language and not "und" ? language : null,
            FfprobeStream.ParseSeconds(s.Duration))).ToList();

        var duration = FfprobeStream.ParseSeconds(output?.Format?.Duration)
                       ?? streams.Select(s => FfprobeStream.ParseSeconds(s.Duration)).Max()
                       ?? TimeSpan.Zero;
        return new MediaInfo(output?.Format?.FormatName ?? "unknown", duration, video, audio);
    }

    /// <summary>
    /// Throws <see cref="MediaError.TooLong"/> when the media lasts longer than <paramref name="limit"/>, measured by
    /// reading its packets to the end (copied, not decoded: a fraction of a second for an hour of video), never from its
    /// header, which a crafted file fills in as it likes; the read stops a second past the limit, so its cost is bounded
    /// too. Returns the media with its measured length where that is longer than the header said.
    /// </summary>
    public static async Task<MediaInfo> RequireAtMostAsync(string path, MediaInfo media, TimeSpan limit, CancellationToken cancellationToken)
    {
        var result = await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", .. media.Input(path), "-map", "0:v?", "-map", "0:a?", "-c", "copy",
            "-t", (limit + TimeSpan.FromSeconds(1)).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-f", "null", "-nostats", "-progress", "pipe:1", "-",
        ], cancellationToken);
        var measured = result.StandardOutput.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith("out_time_us=", StringComparison.Ordinal)) is { } last
                       && long.TryParse(last["out_time_us=".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var microseconds)
            ? TimeSpan.FromMicroseconds(microseconds)
            : TimeSpan.Zero;
        if (measured > limit)
        {
            throw new MediaException(MediaError.TooLong, string.Create(CultureInfo.InvariantCulture,
                $"The media lasts more than {limit.TotalSeconds:0} s (its header says {media.Duration.TotalSeconds:0.#} s); this server takes at most {limit.TotalSeconds:0} s."));
        }

        return measured > media.Duration ? media with { Duration = measured } : media;
    }

    /// <summary>Checks that the media has what a translation needs: audio, and some length.</summary>
    public static void RequireTranslatable(MediaInfo media)
    {
        if (media.Audio is null)
        {
            throw new MediaException(MediaError.NoAudio, "The file has no audio stream, so there is no speech to translate.");
        }

        if (media.Duration <= TimeSpan.Zero)
        {
            throw new MediaException(MediaError.ZeroDuration, "The file's media lasts 0 seconds: there is nothing to translate.");
        }
    }

    private static MediaException Unreadable(string path, string standardError)
    {
        // An MP4 whose index (the moov atom, written last) is missing was cut short; anything else ffmpeg
        // cannot open is simply not media.
        if (standardError.Contains("moov atom not found", StringComparison.Ordinal) && StartsWithMp4Header(path))
        {
            return new MediaException(MediaError.Truncated,
                "The file is truncated: it starts like an MP4 video but its index (moov atom) is missing, as after an interrupted upload. Upload the complete file.");
        }

        if (standardError.Contains("not on whitelist", StringComparison.Ordinal))
        {
            return NotAllowedFormat();
        }

        // ffprobe's own words are not passed on: they name server paths, and for a crafted file whatever it was made to open.
        return new MediaException(MediaError.NotMedia, "The file is not a video or audio format that can be read.");
    }

    private static MediaException NotAllowedFormat() =>
        new(MediaError.NotMedia, $"The file is not in a container format this service reads: {ContainerFormats.Described}.");

    private static bool StartsWithMp4Header(string path)
    {
        Span<byte> header = stackalloc byte[8];
        using var file = File.OpenRead(path);
        return file.Read(header) == 8 && header[4..8].SequenceEqual("ftyp"u8);
    }

    /// <summary>An attached picture (album art) is a video stream of one frame, not a video.</summary>
    private static bool IsCoverArt(FfprobeStream stream) => stream.CodecName is "mjpeg" or "png" && FfprobeStream.ParseRate(stream.AverageFrameRate) == 0;
}
