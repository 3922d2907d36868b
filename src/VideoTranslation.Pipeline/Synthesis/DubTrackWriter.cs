using System.Buffers.Binary;
using System.Globalization;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// Assembles the dub track: a WAV as long as the media, silent except where each clip is placed. The file is
/// sized up front (the silence costs nothing to write) and each clip, sped up with ffmpeg's pitch-preserving
/// <c>atempo</c>, is streamed straight to its offset: memory stays flat however long the media is. With a cache
/// directory each fitted clip is kept there too, named by its clip, speed and length, so a render that moves or keeps
/// a sentence copies its samples instead of starting ffmpeg again: only changed speech is processed.
/// </summary>
public static class DubTrackWriter
{
    public const int SampleRate = 24_000;
    private const int HeaderSize = WavFile.Mono16HeaderSize;

    public static async Task WriteAsync(
        string outputWav, TimeSpan mediaDuration, IReadOnlyList<(string Clip, DubPlacement Placement)> clips, CancellationToken cancellationToken, string? fittedCache = null)
    {
        var totalSamples = (long)Math.Ceiling(mediaDuration.TotalSeconds * SampleRate);
        await using var output = new FileStream(outputWav, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await output.WriteAsync(WavFile.Mono16Header(SampleRate, totalSamples), cancellationToken);
        output.SetLength(HeaderSize + (totalSamples * 2));

        foreach (var (clip, placement) in clips)
        {
            if (placement.Placed <= TimeSpan.Zero)
            {
                continue;
            }

            var offset = (long)Math.Round(placement.SlotStart.TotalSeconds * SampleRate);
            var samples = Math.Min((long)Math.Floor(placement.Placed.TotalSeconds * SampleRate), totalSamples - offset);
            if (samples <= 0)
            {
                continue;
            }

            output.Position = HeaderSize + (offset * 2);
            if (fittedCache is null)
            {
                await FitAsync(clip, placement.SpeedUp, samples, output, cancellationToken);
                continue;
            }

            var fitted = Path.Combine(fittedCache, string.Create(
                CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(clip)}-{placement.SpeedUp:0.####}-{samples}.pcm"));
            if (!File.Exists(fitted))
            {
                await AtomicFile.WriteAsync(fitted, async partial =>
                {
                    await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await FitAsync(clip, placement.SpeedUp, samples, file, cancellationToken);
                });
            }

            await using var cached = new FileStream(fitted, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await cached.CopyToAsync(output, cancellationToken);
        }
    }

    /// <summary>Writes <paramref name="samples"/> of <paramref name="clip"/> played <paramref name="speedUp"/> times faster (pitch kept) as 16-bit PCM.</summary>
    private static Task FitAsync(string clip, double speedUp, long samples, Stream output, CancellationToken cancellationToken) =>
        ExternalTool.RunToStreamAsync("ffmpeg",
        [
            "-nostdin", "-v", "error", .. ContainerFormats.Input(clip, "wav"),
            "-af", string.Create(CultureInfo.InvariantCulture, $"atempo={speedUp:0.####}"),
            "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture),
            "-frames:a", samples.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "pipe:1",
        ], output, cancellationToken);
}
