using VideoTranslation.Pipeline.Speakers;

namespace VideoTranslation.UnitTests.Speakers;

public sealed class DiarizationErrorRateTests
{
    private static SpeakerTurn Turn(double start, double end, string speaker) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), speaker);

    [Fact]
    public void Labels_do_not_matter_only_the_partition()
    {
        var score = DiarizationErrorRate.Score([Turn(0, 5, "A"), Turn(6, 10, "B")], [Turn(0, 5, "S2"), Turn(6, 10, "S1")], collar: 0);

        Assert.Equal(0, score.Rate, 3);
    }

    [Fact]
    public void Missed_speech_false_alarm_and_confusion_add_up_over_the_reference_speech()
    {
        // 10 s of reference speech: S1 stands for A, so 5-8 s is given to the wrong speaker, 8-10 s is missed, and
        // 10-11 s is speech where there is none.
        var score = DiarizationErrorRate.Score(
            [Turn(0, 5, "A"), Turn(5, 10, "B")],
            [Turn(0, 8, "S1"), Turn(10, 11, "S2")],
            collar: 0);

        Assert.Equal((2.0, 1.0, 3.0, 10.0), (Math.Round(score.Missed, 2), Math.Round(score.FalseAlarm, 2), Math.Round(score.Confusion, 2), Math.Round(score.ScoredSpeech, 2)));
        Assert.Equal(0.6, score.Rate, 2);
    }

    [Fact]
    public void The_collar_forgives_boundaries()
    {
        var score = DiarizationErrorRate.Score([Turn(1, 5, "A")], [Turn(1.2, 4.8, "S1")], collar: 0.25);

        Assert.Equal(0, score.Rate, 3);
    }
}
