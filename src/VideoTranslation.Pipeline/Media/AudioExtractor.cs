using System.Globalization;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Media;

/// <summary>Extracts the first audio stream as 16 kHz mono 16-bit PCM WAV, what speech recognizers expect.</summary>
public static class AudioExtractor
{
    public const int SampleRate = 16_000;

    /// <summary>Writes <paramref name="outputWav"/>; throws <see cref="MediaException"/> if the audio stops early (a truncated file).</summary>
    public static async Task<TimeSpan> ExtractAsync(string input, MediaInfo media, string outputWav, CancellationToken cancellationToken)
    {
        MediaProber.RequireTranslatable(media);
        var result = await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", "-y", .. media.Input(input),
            "-map", $"0:{media.Audio!.Index}", "-vn", "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture),
            "-c:a", "pcm_s16le", "-bitexact", "-map_metadata", "-1", outputWav,
        ], cancellationToken);

        var extracted = WavDuration(outputWav);
        var expected = media.Audio.Duration ?? media.Duration;
        if (extracted < (expected * 0.95) - TimeSpan.FromSeconds(0.25))
        {
            throw new MediaException(MediaError.Truncated, string.Create(CultureInfo.InvariantCulture,
                $"The file is truncated: its audio stops at {extracted.TotalSeconds:0.0} s of the {expected.TotalSeconds:0.0} s it announces. Upload the complete file."));
        }

        return extracted;
    }

    /// <summary>Duration of a 16 kHz mono s16 WAV written with <c>-bitexact</c> (a plain 44-byte header).</summary>
    public static TimeSpan WavDuration(string path) =>
        TimeSpan.FromSeconds(Math.Max(0, new FileInfo(path).Length - 44) / (double)(SampleRate * 2));
}
