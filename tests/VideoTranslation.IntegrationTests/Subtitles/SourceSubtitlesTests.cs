using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;
using Xunit.Abstractions;

namespace VideoTranslation.IntegrationTests.Subtitles;

/// <summary>Video in, source-language subtitles out: extraction, recognition, sentences and cues on real speech.</summary>
public sealed class SourceSubtitlesTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_spoken_video_becomes_subtitles_that_follow_the_rules()
    {
        const string text = "Good morning everyone. Today we talk about the weather in the mountains. " +
                            "Tomorrow it will rain in the north, and the wind will be strong near the coast.";
        var video = await TestMedia.SpeechVideoAsync(directory.Path, text, seconds: 14);
        var media = await MediaProber.ProbeAsync(video, default);
        var wav = Path.Combine(directory.Path, "audio.wav");
        await AudioExtractor.ExtractAsync(video, media, wav, default);
        var transcript = await new PocketsphinxRecognizer(new PocketsphinxOptions()).RecognizeAsync(wav, LanguageCode.Parse("en"), default);

        var rules = new SubtitleRules { FramesPerSecond = media.Video!.FramesPerSecond };
        var sentences = SentenceSplitter.Split(transcript, rules);
        var cues = new CueSegmenter(rules, "en").Segment(sentences, media.Duration).SelectMany(s => s.Cues).ToList();
        var srt = SubtitleWriter.Write(cues, SubtitleFormat.Srt);
        output.WriteLine(srt);

        Assert.True(WordErrorRate.Compute(text, string.Join(' ', cues.Select(c => c.Text))) <= 0.2, srt);
        Assert.True(cues.Count >= 2, srt);
        Assert.All(cues, cue =>
        {
            Assert.InRange(cue.Lines.Count, 1, 2);
            Assert.All(cue.Lines, line => Assert.True(line.Length <= 42, line));
            Assert.True(cue.Duration <= rules.MaxDuration);
            Assert.True(cue.End <= media.Duration);
        });
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.Second.Start - pair.First.End >= rules.MinGap - TimeSpan.FromTicks(1)));
        Assert.Equal(cues.Count, SubtitleParser.Parse(srt).Count);
    }
}
