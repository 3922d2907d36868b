using System.Text.Json;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.Speakers;

/// <summary>A dialogue through the whole offline pipeline: who speaks when, in the transcript, the cues, the subtitles and the dub.</summary>
public sealed class SpeakerPipelineTests : IDisposable
{
    private static readonly LanguageCode Spanish = LanguageCode.Parse("es");
    private readonly TempDirectory directory = new();
    private readonly EspeakSynthesizer synthesizer = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_dialogue_is_dubbed_with_a_voice_per_speaker_in_their_register()
    {
        // rms, a low voice, then slt, a high one, taking turns.
        var (wav, truth) = await SampleDialogue.CreateAsync(directory.Path, EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var video = await SampleDialogue.VideoAsync(directory.Path, wav, "dialogue.mp4", default);
        var pipeline = new TranslationPipeline(new PocketsphinxRecognizer(new PocketsphinxOptions()), new ApertiumTranslator(new ApertiumOptions()), synthesizer);
        var work = Path.Combine(directory.Path, "work");

        var result = await pipeline.RunAsync(
            new PipelineRequest { InputPath = video, SourceLanguage = LanguageCode.Parse("en"), TargetLanguages = [Spanish] }, work, null, default);

        // The transcript's words and segments carry their speakers; each segment is one speaker's.
        var transcript = TranscriptJson.Deserialize(await File.ReadAllTextAsync(result.Transcript));
        Assert.All(transcript.Segments, segment => Assert.All(segment.Words, word => Assert.Equal(segment.Speaker, word.Speaker)));
        Assert.Equal(["S1", "S2"], transcript.Segments.Select(segment => segment.Speaker).Distinct().Order());
        var words = transcript.Words.ToList();
        var right = words.Count(word => truth.Any(turn =>
            turn.Start - TimeSpan.FromSeconds(0.3) <= word.Start && word.End <= turn.End + TimeSpan.FromSeconds(0.3) && (turn.Speaker == "rms" ? "S1" : "S2") == word.Speaker));
        Assert.True(right >= words.Count * 0.9, $"{right} of {words.Count} words have the speaker who said them");

        // Cues carry them too, and a WebVTT names each cue's speaker in a voice span; SRT stays plain.
        var source = (await CueTrack.ReadAsync(PipelineArtifacts.CueTrack(work, CueTrack.SourceTrack), default))!;
        Assert.Equal(["S1", "S2"], source.Speakers!.Select(speaker => speaker.Id));
        Assert.True(source.Speakers![0].MedianPitchHz < VoiceCasting.RegisterBoundary && source.Speakers[1].MedianPitchHz > VoiceCasting.RegisterBoundary);
        var translated = (await CueTrack.ReadAsync(PipelineArtifacts.CueTrack(work, "es"), default))!;
        Assert.All(translated.Cues, cue => Assert.Equal(source.Cues.Single(s => s.Id == cue.SourceIds[0]).Speaker, cue.Speaker));
        var vtt = await File.ReadAllTextAsync(result.Languages[0].Vtt);
        Assert.Contains("<v S1>", vtt, StringComparison.Ordinal);
        Assert.Contains("<v S2>", vtt, StringComparison.Ordinal);
        Assert.DoesNotContain("<v ", await File.ReadAllTextAsync(result.Languages[0].Srt), StringComparison.Ordinal);
        Assert.Equal(translated.Cues.Count, SubtitleParser.Parse(vtt).Count);

        // Each speaker has a voice of their own, low for the low speaker and high for the high one, and the report says so.
        var voices = translated.Voices!;
        Assert.NotEqual(voices["S1"], voices["S2"]);
        var registers = (await synthesizer.RegisterVoicesAsync(Spanish, default)).ToDictionary(voice => voice.Name, voice => voice.PitchHz);
        Assert.True(VoiceCasting.IsLow(registers[voices["S1"]]), $"S1 got {voices["S1"]} at {registers[voices["S1"]]} Hz");
        Assert.False(VoiceCasting.IsLow(registers[voices["S2"]]), $"S2 got {voices["S2"]} at {registers[voices["S2"]]} Hz");
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(result.Languages[0].DubbingReport!)).RootElement.GetProperty("cues").EnumerateArray().ToList();
        Assert.All(report, cue => Assert.Equal(voices[cue.GetProperty("speaker").GetString()!], cue.GetProperty("voice").GetString()));
        Assert.Equal(2, report.Select(cue => cue.GetProperty("speaker").GetString()).Distinct().Count());
    }
}
