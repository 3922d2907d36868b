using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Options;
using VideoTranslation.Pipeline.Media;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// The short-time features diarization works on, one frame every <see cref="Hop"/> (25 ms windows): log energy for
/// speech activity, MFCCs for the timbre of a voice, and pitch for its register. NWaves computes the MFCCs (HTK-style
/// filter bank) and the pitch (autocorrelation); the audio is read in blocks, so memory grows with frames, not samples.
/// </summary>
public sealed class SpeechFrames
{
    public static readonly TimeSpan Hop = TimeSpan.FromMilliseconds(10);
    private const double FrameSeconds = 0.025;
    private const int Coefficients = 13;
    private const int BlockSeconds = 30;

    private SpeechFrames(List<float> energy, List<float[]> mfcc, List<float> pitch)
    {
        Energy = energy;
        Mfcc = mfcc;
        Pitch = pitch;
    }

    /// <summary>Each frame's log energy (natural log of the mean square, floored).</summary>
    public IReadOnlyList<float> Energy { get; }

    /// <summary>Each frame's cepstral coefficients c1…c12 (c0, the loudness, is left out).</summary>
    public IReadOnlyList<float[]> Mfcc { get; }

    /// <summary>Each frame's pitch in Hz (0 where unvoiced or out of range).</summary>
    public IReadOnlyList<float> Pitch { get; }

    public int Count => Energy.Count;

    public static TimeSpan TimeOf(int frame) => Hop * frame;

    /// <summary>The median pitch of the voiced frames (Hz), 0 where none is voiced.</summary>
    public double MedianPitch() => Median(Pitch.Where(hz => hz > 0));

    /// <summary>The median pitch of the voiced frames within <paramref name="spans"/> (Hz), 0 where none is voiced.</summary>
    public double MedianPitch(IEnumerable<(TimeSpan Start, TimeSpan End)> spans) =>
        Median(spans.SelectMany(span => Enumerable.Range((int)(span.Start / Hop), Math.Max(0, (int)((span.End - span.Start) / Hop))))
            .Where(frame => frame >= 0 && frame < Count && Pitch[frame] > 0)
            .Select(frame => Pitch[frame]));

    private static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    public static SpeechFrames Read(string wav, CancellationToken cancellationToken)
    {
        var rate = WavFile.SampleRate(wav);
        var hop = (int)(rate * Hop.TotalSeconds);
        var frame = (int)(rate * FrameSeconds);
        var mfccExtractor = new MfccExtractor(new MfccOptions
        {
            SamplingRate = rate,
            FeatureCount = Coefficients,
            FrameDuration = FrameSeconds,
            HopDuration = Hop.TotalSeconds,
            FilterBankSize = 26,
            PreEmphasis = 0.97,
            LowFrequency = 60,
            HighFrequency = Math.Min(7600, rate / 2),
        });
        var pitchExtractor = new PitchExtractor(new PitchOptions
        {
            SamplingRate = rate,
            FrameDuration = FrameSeconds,
            HopDuration = Hop.TotalSeconds,
            LowFrequency = 70,
            HighFrequency = 400,
        });

        var energy = new List<float>();
        var mfcc = new List<float[]>();
        var pitch = new List<float>();
        // Each block carries the previous one's last samples, so frames run on across blocks as over one signal.
        var carried = Array.Empty<float>();
        foreach (var block in WavFile.ReadMono16(wav, rate * BlockSeconds))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var samples = carried.Length == 0 ? block : [.. carried, .. block];
            if (samples.Length < frame)
            {
                carried = samples;
                continue;
            }

            var frames = ((samples.Length - frame) / hop) + 1;
            var coefficients = mfccExtractor.ComputeFrom(samples, 0, ((frames - 1) * hop) + frame);
            var pitches = pitchExtractor.ComputeFrom(samples, 0, ((frames - 1) * hop) + frame);
            var count = Math.Min(frames, Math.Min(coefficients.Count, pitches.Count));
            for (var i = 0; i < count; i++)
            {
                var start = i * hop;
                double sum = 0;
                for (var j = start; j < start + frame; j++)
                {
                    sum += samples[j] * samples[j];
                }

                energy.Add((float)Math.Log((sum / frame) + 1e-10));
                mfcc.Add(coefficients[i][1..]);
                pitch.Add(pitches[i][0] is var hz && hz is >= 70 and <= 400 ? hz : 0);
            }

            carried = samples[(count * hop)..];
        }

        return new SpeechFrames(energy, mfcc, pitch);
    }
}
