using System.Buffers.Binary;
using System.Globalization;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// Dialogues with known turns, for diarization's tests, benchmark and demo: each turn spoken by a synthetic voice
/// (flite's <c>rms</c>, <c>awb</c>, <c>slt</c>, <c>kal</c>, or an espeak-ng voice such as <c>en+f3</c>), trimmed to its
/// speech, and joined with silences of varying length; the turns' times are the truth to score against.
/// </summary>
public static class SampleDialogue
{
    public const int SampleRate = 16_000;

    // Pauses between turns, in turn: from a quick answer to a long one.
    private static readonly double[] Pauses = [0.35, 0.8, 0.25, 0.5, 1.1, 0.3, 0.6];

    /// <summary>One turn: the speaker it belongs to (the truth's label), the voice that says it, and what it says.</summary>
    /// <param name="Voice"><c>flite:NAME</c> or <c>espeak:VOICE</c>.</param>
    public sealed record Line(string Speaker, string Voice, string Text);

    /// <summary>Writes the dialogue as a 16 kHz mono WAV <paramref name="name"/> in <paramref name="directory"/>; gives it with the true turns.</summary>
    public static async Task<(string Wav, IReadOnlyList<SpeakerTurn> Truth)> CreateAsync(
        string directory, IReadOnlyList<Line> lines, string name, CancellationToken cancellationToken)
    {
        var samples = new List<short>();
        var truth = new List<SpeakerTurn>();
        AddSilence(samples, 0.5);
        for (var i = 0; i < lines.Count; i++)
        {
            var speech = Trimmed(await SpeakAsync(directory, lines[i], $"turn-{i}", cancellationToken));
            var start = TimeSpan.FromSeconds(samples.Count / (double)SampleRate);
            samples.AddRange(speech);
            truth.Add(new SpeakerTurn(start, TimeSpan.FromSeconds(samples.Count / (double)SampleRate), lines[i].Speaker));
            AddSilence(samples, Pauses[i % Pauses.Length]);
        }

        var wav = Path.Combine(directory, name);
        await WriteAsync(wav, samples, cancellationToken);
        return (wav, truth);
    }

    /// <summary>An MP4 of the dialogue over a test pattern, as a user would upload it.</summary>
    public static async Task<string> VideoAsync(string directory, string wav, string name, CancellationToken cancellationToken)
    {
        var video = Path.Combine(directory, name);
        var seconds = WavFile.Duration(wav).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        await ExternalTool.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc=size=320x180:rate=25:duration={seconds}", "-i", wav, "-t", seconds,
             "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", video],
            cancellationToken);
        return video;
    }

    private static async Task<short[]> SpeakAsync(string directory, Line line, string name, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(directory, name + ".raw.wav");
        var resampled = Path.Combine(directory, name + ".wav");
        switch (line.Voice.Split(':', 2))
        {
            case ["flite", var voice]:
                var text = Path.Combine(directory, name + ".txt");
                await File.WriteAllTextAsync(text, line.Text, cancellationToken);
                await ExternalTool.RunAsync("flite", ["-voice", voice, "-f", text, "-o", raw], cancellationToken);
                File.Delete(text);
                break;
            case ["espeak", var voice]:
                await ExternalTool.RunAsync("espeak-ng", ["-v", voice, "-w", raw, line.Text], cancellationToken);
                break;
            default:
                throw new ArgumentException($"'{line.Voice}' is neither flite:NAME nor espeak:VOICE.", nameof(line));
        }

        await ExternalTool.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-i", raw, "-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", resampled],
            cancellationToken);
        var samples = WavFile.ReadMono16(resampled, int.MaxValue / 4).SelectMany(block => block).Select(sample => (short)(sample * 32768)).ToArray();
        File.Delete(raw);
        File.Delete(resampled);
        return samples;
    }

    /// <summary>The speech without the silence a synthesizer puts around it, so that the turn's times are its speech's.</summary>
    private static short[] Trimmed(short[] samples)
    {
        const short Threshold = 300; // about -40 dBFS
        var first = Array.FindIndex(samples, sample => Math.Abs((int)sample) > Threshold);
        var last = Array.FindLastIndex(samples, sample => Math.Abs((int)sample) > Threshold);
        return first < 0 ? [] : samples[first..(last + 1)];
    }

    private static void AddSilence(List<short> samples, double seconds) => samples.AddRange(new short[(int)(seconds * SampleRate)]);

    private static async Task WriteAsync(string path, List<short> samples, CancellationToken cancellationToken)
    {
        var bytes = new byte[WavFile.Mono16HeaderSize + (samples.Count * 2)];
        WavFile.Mono16Header(SampleRate, samples.Count).CopyTo(bytes, 0);
        for (var i = 0; i < samples.Count; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(WavFile.Mono16HeaderSize + (i * 2)), samples[i]);
        }

        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
    }
}
