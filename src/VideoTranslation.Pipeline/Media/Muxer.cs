using System.Globalization;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Media;

/// <summary>
/// Writes the output video: the input's video stream copied bit for bit (never re-encoded), each language's
/// dubbed audio (the first one the default), the original audio, and one soft subtitle track per language,
/// every track tagged with its ISO 639-2 language. MP4 when the video codec allows it, Matroska otherwise.
/// Burning subtitles into the picture is the one case that re-encodes the video.
/// </summary>
public static class Muxer
{
    private static readonly HashSet<string> Mp4VideoCodecs = new(StringComparer.Ordinal) { "h264", "hevc", "av1", "mpeg4" };

    /// <summary>The file extension the output will have for this input: <c>.mp4</c> or <c>.mkv</c>.</summary>
    public static string OutputExtension(MediaInfo media) =>
        media.Video is { } video && !Mp4VideoCodecs.Contains(video.Codec) ? ".mkv" : ".mp4";

    /// <param name="burnSubtitlesSrt">Subtitles to draw into the picture (re-encodes the video); null to copy it.</param>
    public static Task MuxAsync(
        string input, MediaInfo media, LanguageCode sourceLanguage, IReadOnlyList<TranslatedTrack> tracks, string output, CancellationToken cancellationToken,
        string? burnSubtitlesSrt = null)
    {
        var mp4 = Path.GetExtension(output).Equals(".mp4", StringComparison.OrdinalIgnoreCase);
        List<string> arguments = ["-nostdin", "-v", "error", "-y", .. media.Input(input)];
        foreach (var track in tracks)
        {
            if (track.AudioM4a is not null)
            {
                arguments.AddRange(ContainerFormats.Input(track.AudioM4a, "mov"));
            }

            if (track.SubtitlesSrt is not null)
            {
                arguments.AddRange(ContainerFormats.Input(track.SubtitlesSrt, "srt"));
            }
        }

        if (media.Video is { } video)
        {
            arguments.AddRange(["-map", $"0:{video.Index}"]);
        }

        // Inputs are numbered in the order added above; outputs per kind in the order mapped here.
        var nextInput = 1;
        var audio = 0;
        var subtitles = 0;
        var metadata = new List<string>();
        foreach (var track in tracks)
        {
            if (track.AudioM4a is not null)
            {
                arguments.AddRange(["-map", $"{nextInput++}:a:0"]);
                metadata.AddRange(Tag("a", audio, track.Language.Iso6392, isDefault: audio == 0));
                audio++;
            }

            if (track.SubtitlesSrt is not null)
            {
                arguments.AddRange(["-map", $"{nextInput++}:0"]);
                metadata.AddRange(Tag("s", subtitles, track.Language.Iso6392, isDefault: false));
                subtitles++;
            }
        }

        if (media.Audio is { } original)
        {
            arguments.AddRange(["-map", $"0:{original.Index}"]);
            metadata.AddRange(Tag("a", audio, sourceLanguage.Iso6392, isDefault: audio == 0));
        }

        if (burnSubtitlesSrt is not null && media.Video is not null)
        {
            arguments.AddRange(["-vf", $"subtitles=filename='{EscapeFilterValue(burnSubtitlesSrt)}'", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"]);
        }
        else
        {
            arguments.AddRange(["-c:v", "copy"]);
        }

        arguments.AddRange(["-c:a", "copy", "-c:s", mp4 ? "mov_text" : "srt"]);
        arguments.AddRange(metadata);
        if (mp4)
        {
            arguments.AddRange(["-movflags", "+faststart"]);
        }

        arguments.Add(output);
        return ExternalTool.RunAsync("ffmpeg", arguments, cancellationToken);
    }

    /// <summary>Inside a quoted filter argument, backslashes and quotes must be escaped.</summary>
    private static string EscapeFilterValue(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "'\\''", StringComparison.Ordinal);

    private static string[] Tag(string kind, int index, string language, bool isDefault)
    {
        var stream = string.Create(CultureInfo.InvariantCulture, $"{kind}:{index}");
        return [$"-metadata:s:{stream}", $"language={language}", $"-disposition:{stream}", isDefault ? "default" : "0"];
    }
}
