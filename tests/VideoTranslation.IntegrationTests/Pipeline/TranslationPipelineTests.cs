using System.Text.Json;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.Pipeline;

/// <summary>The whole offline pipeline on a generated video: pocketsphinx, apertium, espeak-ng, ffmpeg.</summary>
public sealed class TranslationPipelineTests : IDisposable
{
    // Sentences flite speaks and pocketsphinx recognizes nearly word for word (it hears "in the house": WER 1/15).
    private const string Speech = "Good morning everyone. The house is very big. We will go to the beach tomorrow.";
    private static readonly LanguageCode English = LanguageCode.Parse("en");
    private static readonly LanguageCode Spanish = LanguageCode.Parse("es");
    private static readonly LanguageCode Portuguese = LanguageCode.Parse("pt");

    private readonly TempDirectory directory = new();
    private readonly TranslationPipeline pipeline = new(
        new PocketsphinxRecognizer(new PocketsphinxOptions()), new ApertiumTranslator(new ApertiumOptions()), new EspeakSynthesizer());

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Translates_a_video_into_subtitles_dub_and_a_muxed_video()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, Speech, seconds: 10);
        var work = Path.Combine(directory.Path, "work");
        var stages = new List<PipelineProgress>();

        var result = await pipeline.RunAsync(Request(video, Spanish, Portuguese), work, new SynchronousProgress(stages), default);

        // Recognized what was said.
        var transcript = TranscriptJson.Deserialize(await File.ReadAllTextAsync(result.Transcript));
        var wer = WordErrorRate.Compute(Speech, transcript.Text);
        Assert.True(wer <= 0.2, $"WER {wer:P0}: {transcript.Text}");

        // Translated into each target language, whole sentences at a time.
        var spanish = SubtitleParser.Parse(await File.ReadAllTextAsync(result.Languages[0].Srt));
        var portuguese = SubtitleParser.Parse(await File.ReadAllTextAsync(result.Languages[1].Vtt));
        Assert.Contains(spanish, cue => cue.Text.Contains("Iremos a la playa mañana.", StringComparison.Ordinal));
        Assert.Contains(portuguese, cue => cue.Text.Contains("Iremos à praia amanhã.", StringComparison.Ordinal));

        // Every dubbed sentence starts where its first cue does and ends before the next one's speech.
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(result.Languages[0].DubbingReport!)).RootElement.GetProperty("cues").EnumerateArray().ToList();
        Assert.NotEmpty(report);
        var starts = spanish.Select(cue => Math.Round(cue.Start.TotalSeconds, 3)).ToHashSet();
        foreach (var (entry, next) in report.Zip(report.Skip(1).Select(e => (JsonElement?)e).Append(null)))
        {
            var start = entry.GetProperty("slot_start").GetDouble();
            Assert.Contains(Math.Round(start, 3), starts);
            Assert.InRange(entry.GetProperty("speed_up").GetDouble(), 1, DubFitter.DefaultMaxSpeedUp);
            if (next is { } following)
            {
                Assert.True(start + entry.GetProperty("placed_seconds").GetDouble() <= following.GetProperty("slot_start").GetDouble() + 0.001);
            }
        }

        // The output: the same video stream, bit for bit, dubbed and original audio and subtitles, tagged, same length.
        var input = await MediaProber.ProbeAsync(video, default);
        var output = await MediaProber.ProbeAsync(result.OutputVideo, default);
        Assert.Equal(await TestMedia.VideoStreamHashAsync(video), await TestMedia.VideoStreamHashAsync(result.OutputVideo));
        Assert.Equal(["spa", "por", "eng"], output.AudioStreams.Select(a => a.Language));
        Assert.Equal(["spa", "por"], await SubtitleLanguagesAsync(result.OutputVideo));
        Assert.Equal(input.Duration.TotalSeconds, output.Duration.TotalSeconds, precision: 1);

        // Progress went through the stages and ended complete, never going backwards.
        Assert.Equal(PipelineStage.Probing, stages[0].Stage);
        Assert.Equal((PipelineStage.Muxing, 1.0), (stages[^1].Stage, stages[^1].Fraction));
        Assert.All(stages.Zip(stages.Skip(1)), pair => Assert.True(pair.Second.Fraction >= pair.First.Fraction));
        Assert.Contains(stages, s => s.Stage == PipelineStage.Synthesizing && s.Language == "pt");
    }

    [Fact]
    public async Task Burned_subtitles_re_encode_the_picture_and_replace_the_subtitle_tracks()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, Speech, seconds: 8);

        var result = await pipeline.RunAsync(Request(video, Spanish) with { BurnSubtitles = true }, Path.Combine(directory.Path, "work"), null, default);

        var output = await MediaProber.ProbeAsync(result.OutputVideo, default);
        Assert.NotEqual(await TestMedia.VideoStreamHashAsync(video), await TestMedia.VideoStreamHashAsync(result.OutputVideo));
        Assert.Equal("h264", output.Video!.Codec);
        Assert.Empty(await SubtitleLanguagesAsync(result.OutputVideo));
        Assert.Equal(["spa", "eng"], output.AudioStreams.Select(a => a.Language));
        Assert.Equal((await MediaProber.ProbeAsync(video, default)).Duration.TotalSeconds, output.Duration.TotalSeconds, precision: 1);
    }

    [Fact]
    public async Task A_rerun_resumes_from_the_saved_stages()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, Speech, seconds: 10);
        var work = Path.Combine(directory.Path, "work");
        var first = await pipeline.RunAsync(Request(video, Spanish), work, null, default);
        var transcriptWritten = File.GetLastWriteTimeUtc(first.Transcript);
        var translationWritten = File.GetLastWriteTimeUtc(Path.Combine(work, "es", "translation.json"));

        // As if the worker died while muxing.
        File.Delete(first.OutputVideo);
        var second = await pipeline.RunAsync(Request(video, Spanish), work, null, default);

        Assert.True(File.Exists(second.OutputVideo));
        Assert.Equal(transcriptWritten, File.GetLastWriteTimeUtc(second.Transcript));
        Assert.Equal(translationWritten, File.GetLastWriteTimeUtc(Path.Combine(work, "es", "translation.json")));
    }

    [Fact]
    public async Task Provided_subtitles_replace_recognition_and_keep_their_cues()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, Speech, seconds: 6);
        var subtitles = Path.Combine(directory.Path, "source.srt");
        await File.WriteAllTextAsync(subtitles, "1\n00:00:00,500 --> 00:00:02,000\nGood morning.\n\n2\n00:00:02,500 --> 00:00:04,000\nThe house is big.\n");

        var result = await pipeline.RunAsync(Request(video, Spanish) with { SourceSubtitlesPath = subtitles, Dub = false }, Path.Combine(directory.Path, "work"), null, default);

        Assert.Equal(
            "1\n00:00:00,500 --> 00:00:02,000\nBuenos días.\n\n2\n00:00:02,500 --> 00:00:04,000\nLa casa es grande.\n\n",
            await File.ReadAllTextAsync(result.Languages[0].Srt));
        Assert.Null(result.Languages[0].DubbedAudio);
        Assert.Equal(["eng"], (await MediaProber.ProbeAsync(result.OutputVideo, default)).AudioStreams.Select(a => a.Language));
    }

    [Fact]
    public async Task An_unsupported_target_is_refused_before_any_work_with_the_supported_pairs()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, Speech, seconds: 4);
        var work = Path.Combine(directory.Path, "work");

        var error = await Assert.ThrowsAsync<UnsupportedLanguageException>(() => pipeline.RunAsync(Request(video, LanguageCode.Parse("ja")), work, null, default));

        Assert.Contains("en->es", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_video_without_audio_fails_with_a_clear_reason()
    {
        var video = await TestMedia.SilentVideoAsync(directory.Path, seconds: 2);

        var error = await Assert.ThrowsAsync<MediaException>(() => pipeline.RunAsync(Request(video, Spanish), Path.Combine(directory.Path, "work"), null, default));

        Assert.Equal(MediaError.NoAudio, error.Error);
    }

    private static PipelineRequest Request(string video, params LanguageCode[] targets) =>
        new() { InputPath = video, SourceLanguage = English, TargetLanguages = targets };

    private static async Task<string[]> SubtitleLanguagesAsync(string path)
    {
        var result = await VideoTranslation.Pipeline.Tools.ExternalTool.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "s", "-show_entries", "stream_tags=language", "-of", "csv=p=0", path], CancellationToken.None);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private sealed class SynchronousProgress(List<PipelineProgress> seen) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) => seen.Add(value);
    }
}
