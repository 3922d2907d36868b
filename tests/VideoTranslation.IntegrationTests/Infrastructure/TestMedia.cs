using System.Globalization;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// Real media made on the spot: speech from flite (a voice pocketsphinx recognizes well) and a test-pattern
/// video from ffmpeg, as <c>../shared/media/README.md</c> describes. Nothing large is committed.
/// </summary>
public static class TestMedia
{
    /// <summary><c>../shared/media/jfk.wav</c>: 11 s of real speech, 16 kHz mono.</summary>
    public static string JfkWav { get; } = FindShared("media/jfk.wav");

    public const string JfkTranscript = "and so my fellow americans ask not what your country can do for you ask what you can do for your country";

    /// <summary>flite speech of <paramref name="text"/> as a WAV file.</summary>
    public static Task<string> SpeechAsync(string directory, string text, string name = "speech.wav") =>
        SampleVideo.SpeechAsync(directory, text, name, CancellationToken.None);

    /// <summary>An H.264/AAC MP4 of <paramref name="seconds"/> with the speech at its start, padded with silence.</summary>
    public static Task<string> SpeechVideoAsync(string directory, string text, double seconds, string name = "video.mp4", bool fastStart = false) =>
        SampleVideo.CreateAsync(directory, text, seconds, name, fastStart);

    /// <summary>A video with no audio stream.</summary>
    public static async Task<string> SilentVideoAsync(string directory, double seconds)
    {
        var video = Path.Combine(directory, "silent.mp4");
        await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
            $"testsrc=size=320x180:rate=25:duration={seconds.ToString(CultureInfo.InvariantCulture)}",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", video,
        ], CancellationToken.None);
        return video;
    }

    /// <summary>The first <paramref name="fraction"/> of a file, as an interrupted upload leaves it.</summary>
    public static string Truncate(string path, double fraction)
    {
        var bytes = File.ReadAllBytes(path);
        var truncated = Path.Combine(Path.GetDirectoryName(path)!, "truncated-" + Path.GetFileName(path));
        File.WriteAllBytes(truncated, bytes[..(int)(bytes.Length * fraction)]);
        return truncated;
    }

    /// <summary>SHA-256 of a file's first video stream's packets: equal hashes mean the stream was copied bit for bit.</summary>
    public static async Task<string> VideoStreamHashAsync(string path)
    {
        var result = await ExternalTool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-c", "copy", "-f", "streamhash", "-hash", "sha256", "-"], CancellationToken.None);
        return result.StandardOutput.Trim();
    }

    private static string FindShared(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared", relative));
    }
}
