using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.Synthesis;

/// <summary>espeak-ng speech and the dub track built from it, checked sample by sample.</summary>
public sealed class DubbingTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly EspeakSynthesizer espeak = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("es", "Buenos días a todos.")]
    [InlineData("pt-BR", "Bom dia a todos.")]
    [InlineData("ca", "Bon dia a tothom.")]
    [InlineData("en", "Good morning, everyone.")] // espeak-ng lists English only by region (en-gb, en-us)
    [InlineData("fr", "Bonjour à tous.")] // and French (fr-fr, fr-be)
    public async Task Synthesizes_speech_in_the_target_language(string language, string text)
    {
        var wav = Path.Combine(directory.Path, "speech.wav");

        await espeak.SynthesizeAsync(text, LanguageCode.Parse(language), voice: null, wav, default);

        var media = await MediaProber.ProbeAsync(wav, default);
        Assert.InRange(media.Duration.TotalSeconds, 0.5, 5);
        Assert.True(espeak.Supports(LanguageCode.Parse(language)));
    }

    [Fact]
    public async Task A_language_without_a_voice_is_refused()
    {
        var sichuanYi = LanguageCode.Parse("ii");
        Assert.False(espeak.Supports(sichuanYi));
        await Assert.ThrowsAsync<UnsupportedLanguageException>(() => espeak.SynthesizeAsync("x", sichuanYi, null, Path.Combine(directory.Path, "x.wav"), default));
    }

    [Fact]
    public async Task The_dub_track_is_as_long_as_the_media_and_silent_outside_the_cues()
    {
        var spanish = LanguageCode.Parse("es");
        Cue[] cues = [new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), ["Hola."]), new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), ["Adiós a todos mis amigos del pueblo."])];
        var clips = new List<string>();
        var lengths = new List<TimeSpan>();
        foreach (var (cue, i) in cues.Select((cue, i) => (cue, i)))
        {
            var clip = Path.Combine(directory.Path, $"cue{i}.wav");
            await espeak.SynthesizeAsync(cue.Text, spanish, null, clip, default);
            clips.Add(clip);
            lengths.Add((await MediaProber.ProbeAsync(clip, default)).Duration);
        }

        var placements = DubFitter.Fit(cues, lengths, TimeSpan.FromSeconds(6));
        var track = Path.Combine(directory.Path, "dub.wav");
        await DubTrackWriter.WriteAsync(track, TimeSpan.FromSeconds(6), [.. clips.Zip(placements)], default);

        Assert.Equal(6, (await MediaProber.ProbeAsync(track, default)).Duration.TotalSeconds, precision: 2);
        Assert.True(placements[1].SpeedUp > 1, "the second cue's speech is longer than its one-second slot");
        var samples = ReadSamples(track);
        Assert.Equal(0, Energy(samples, 0, 1));                       // before the first cue
        Assert.True(Energy(samples, 1, 1 + placements[0].Placed.TotalSeconds) > 0);
        Assert.Equal(0, Energy(samples, 1 + placements[0].Placed.TotalSeconds + 0.01, 4)); // between the cues
        Assert.True(Energy(samples, 4, 4 + placements[1].Placed.TotalSeconds) > 0);
        Assert.Equal(0, Energy(samples, 4 + placements[1].Placed.TotalSeconds + 0.01, 6));
    }

    private static short[] ReadSamples(string wav)
    {
        var bytes = File.ReadAllBytes(wav);
        var samples = new short[(bytes.Length - 44) / 2];
        Buffer.BlockCopy(bytes, 44, samples, 0, samples.Length * 2);
        return samples;
    }

    private static long Energy(short[] samples, double fromSeconds, double toSeconds)
    {
        var from = (int)(fromSeconds * DubTrackWriter.SampleRate);
        var to = Math.Min(samples.Length, (int)(toSeconds * DubTrackWriter.SampleRate));
        long energy = 0;
        for (var i = from; i < to; i++)
        {
            energy += Math.Abs((int)samples[i]);
        }

        return energy;
    }
}
