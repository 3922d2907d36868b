using System.Globalization;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Media;

/// <summary>
/// Makes real media on the spot for the demo, benchmarks and tests: flite speech (a voice the offline recognizer
/// hears well) over an ffmpeg test-pattern video, H.264 and AAC in MP4.
/// </summary>
public static class SampleVideo
{
    /// <summary>flite speech of <paramref name="text"/> as a WAV file.</summary>
    public static async Task<string> SpeechAsync(string directory, string text, string name, CancellationToken cancellationToken)
    {
        var textFile = Path.Combine(directory, Path.ChangeExtension(name, ".txt"));
        await File.WriteAllTextAsync(textFile, text, cancellationToken);
        var wav = Path.Combine(directory, name);
        await ExternalTool.RunAsync("flite", ["-voice", "rms", "-f", textFile, "-o", wav], cancellationToken);
        return wav;
    }

    /// <summary>An MP4 of <paramref name="seconds"/> with the speech at its start, padded with silence.</summary>
    public static async Task<string> CreateAsync(string directory, string text, double seconds, string name = "video.mp4", bool fastStart = false, CancellationToken cancellationToken = default)
    {
        var speech = await SpeechAsync(directory, text, Path.ChangeExtension(name, ".wav"), cancellationToken);
        var video = Path.Combine(directory, name);
        var duration = seconds.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc=size=320x180:rate=25:duration={duration}",
            "-i", speech, "-af", "apad", "-t", duration,
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        ];
        if (fastStart)
        {
            arguments.AddRange(["-movflags", "+faststart"]);
        }

        arguments.Add(video);
        await ExternalTool.RunAsync("ffmpeg", arguments, cancellationToken);
        File.Delete(speech);
        File.Delete(Path.ChangeExtension(speech, ".txt"));
        return video;
    }
}
