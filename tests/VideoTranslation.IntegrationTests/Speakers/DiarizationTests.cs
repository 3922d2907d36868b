using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Speakers;

namespace VideoTranslation.IntegrationTests.Speakers;

/// <summary>Diarization on the evaluation dialogues (real flite and espeak-ng voices): the error rate and the speaker count.</summary>
public sealed class DiarizationTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<int> Dialogues => [.. Enumerable.Range(0, EvaluationDialogues.All.Count)];

    [Theory]
    [MemberData(nameof(Dialogues))]
    public async Task Each_evaluation_dialogue_is_diarized_within_the_goal_with_the_right_count(int dialogue)
    {
        var (name, lines) = EvaluationDialogues.All[dialogue];
        var (wav, truth) = await SampleDialogue.CreateAsync(directory.Path, lines, "dialogue.wav", default);
        Assert.True(truth[^1].End > TimeSpan.FromSeconds(30), $"{name} lasts at least 30 s");

        var found = SpeakerDiarizer.Diarize(SpeechFrames.Read(wav, default));

        Assert.Equal(truth.Select(turn => turn.Speaker).Distinct().Count(), found.Speakers.Count);
        Assert.InRange(DiarizationErrorRate.Score(truth, found.Turns).Rate, 0, 0.15);
        Assert.Equal([.. found.Speakers.Select((_, i) => $"S{i + 1}")], found.Turns.Select(turn => turn.Speaker).Distinct());
    }

    [Fact]
    public void Real_speech_of_one_person_is_one_speaker()
    {
        var found = SpeakerDiarizer.Diarize(SpeechFrames.Read(TestMedia.JfkWav, default));

        // Raised for a crowd, his voice sits high (about 250 Hz; YIN agrees): register casting takes it for a high voice.
        var speaker = Assert.Single(found.Speakers);
        Assert.InRange(speaker.MedianPitchHz, 200, 300);
        Assert.InRange(found.Turns.Sum(turn => turn.Duration.TotalSeconds), 6, 11); // his speech, without the pauses
    }

    [Fact]
    public async Task A_given_count_is_kept_and_each_speaker_has_its_register()
    {
        var (wav, truth) = await SampleDialogue.CreateAsync(directory.Path, EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var frames = SpeechFrames.Read(wav, default);

        var one = SpeakerDiarizer.Diarize(frames, speakers: 1);
        var three = SpeakerDiarizer.Diarize(frames, speakers: 3);
        var two = SpeakerDiarizer.Diarize(frames, speakers: 2);

        Assert.Equal(["S1"], one.Speakers.Select(speaker => speaker.Id));
        Assert.Equal(3, three.Speakers.Count);
        // The first speaker is rms, a low voice; the second slt, a high one.
        Assert.Equal("rms", truth[0].Speaker);
        Assert.InRange(two.Speakers[0].MedianPitchHz, 70, 140);
        Assert.InRange(two.Speakers[1].MedianPitchHz, 140, 260);
    }
}
