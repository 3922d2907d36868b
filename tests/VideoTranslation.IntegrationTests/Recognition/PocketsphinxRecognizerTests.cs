using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.IntegrationTests.Recognition;

/// <summary>The offline recognizer on real speech: flite sentences and the JFK clip from ../shared/media.</summary>
public sealed class PocketsphinxRecognizerTests : IDisposable
{
    private static readonly LanguageCode English = LanguageCode.Parse("en");
    private readonly TempDirectory directory = new();
    private readonly PocketsphinxRecognizer recognizer = new(new PocketsphinxOptions());

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Recognizes_synthetic_speech_from_a_video_almost_word_for_word()
    {
        const string text = "The quick brown fox jumps over the lazy dog. Then it runs into the forest and sleeps under a big tree.";
        var video = await TestMedia.SpeechVideoAsync(directory.Path, text, seconds: 10);
        var wav = Path.Combine(directory.Path, "audio.wav");
        await AudioExtractor.ExtractAsync(video, await MediaProber.ProbeAsync(video, default), wav, default);

        var transcript = await recognizer.RecognizeAsync(wav, English, default);

        var wer = WordErrorRate.Compute(text, transcript.Text);
        Assert.True(wer <= 0.15, $"WER {wer:P0}: \"{transcript.Text}\"");
        Assert.False(transcript.HasPunctuation);
        var words = transcript.Words.ToList();
        Assert.All(words.Zip(words.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
        Assert.InRange(words[^1].End.TotalSeconds, 5, 10);
    }

    [Fact]
    public async Task Recognizes_part_of_real_human_speech()
    {
        var transcript = await recognizer.RecognizeAsync(TestMedia.JfkWav, English, default);

        // The Debian model gets this clip only partly right (measured in ../shared/media/README.md).
        Assert.Contains("what your country can do for you", transcript.Text, StringComparison.Ordinal);
        var wer = WordErrorRate.Compute(TestMedia.JfkTranscript, transcript.Text);
        Assert.True(wer < 0.9, $"WER {wer:P0}: \"{transcript.Text}\"");
    }

    [Fact]
    public async Task Refuses_languages_it_has_no_model_for()
    {
        Assert.False(recognizer.Supports(LanguageCode.Parse("es")));
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => recognizer.RecognizeAsync(TestMedia.JfkWav, LanguageCode.Parse("es"), default));
        Assert.Contains("English only", error.Message, StringComparison.Ordinal);
    }
}
