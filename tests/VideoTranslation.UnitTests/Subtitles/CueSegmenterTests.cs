using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

public class CueSegmenterTests
{
    private static readonly SubtitleRules Rules = new();
    private static readonly CueSegmenter Segmenter = new(Rules, "en");

    private const string LongSentence =
        "When we arrived at the station the train had already left, so we walked into the old town, found a small cafe near the river " +
        "and waited there for hours while the rain fell on the roofs and the people hurried past the window with their umbrellas.";

    [Fact]
    public void A_short_sentence_is_one_cue_on_one_line()
    {
        var cues = Segmenter.Segment([Speech.Sentence("Hello there.")]).Single().Cues;
        Assert.Equal(["Hello there."], Assert.Single(cues).Lines);
    }

    [Fact]
    public void Every_cue_has_at_most_two_lines_of_at_most_42_characters()
    {
        var cues = Segment(LongSentence);

        Assert.True(cues.Count > 2);
        Assert.All(cues, cue =>
        {
            Assert.InRange(cue.Lines.Count, 1, 2);
            Assert.All(cue.Lines, line => Assert.InRange(line.Length, 1, 42));
        });
        Assert.Equal(LongSentence, string.Join(' ', cues.Select(cue => cue.Text)));
    }

    [Fact]
    public void No_cue_lasts_longer_than_seven_seconds_even_when_its_text_would_fit()
    {
        // Slow speech: 12 short words over 12 seconds fit on two lines but not in seven seconds.
        var cues = Segment("one two three four five six seven eight nine ten eleven twelve", wordSeconds: 0.8, gapSeconds: 0.2);

        Assert.True(cues.Count >= 2);
        Assert.All(cues, cue => Assert.True(cue.Duration <= TimeSpan.FromSeconds(7), $"{cue.Duration}"));
    }

    [Fact]
    public void A_short_cue_lasts_at_least_five_sixths_of_a_second_when_nothing_follows_closely()
    {
        var cue = Segment("Yes.", wordSeconds: 0.2).Single();
        Assert.True(cue.Duration >= Rules.MinDuration, $"{cue.Duration}");
    }

    [Fact]
    public void Consecutive_cues_are_at_least_two_frames_apart()
    {
        var first = Speech.Sentence("No.", wordSeconds: 0.2);
        var second = Speech.Sentence("Absolutely not, never.", startSeconds: 0.3);
        var third = Speech.Sentence("I said no.", startSeconds: 1.6);

        var cues = Segmenter.Segment([first, second, third]).SelectMany(s => s.Cues).ToList();

        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.Second.Start - pair.First.End >= Rules.MinGap - TimeSpan.FromTicks(1),
            $"{pair.First.End} -> {pair.Second.Start}"));
    }

    [Fact]
    public void A_fast_cue_stays_up_longer_for_reading_when_silence_follows()
    {
        // 40 characters spoken in about 1.3 s: 30 characters per second, too fast to read.
        var cue = Segment("Quickly now, everybody into the car!", wordSeconds: 0.2, gapSeconds: 0.02).Single();

        Assert.True(cue.CharactersPerSecond <= Rules.MaxCharactersPerSecond + 0.01, $"{cue.CharactersPerSecond:0.0} cps");
    }

    [Fact]
    public void Reading_speed_yields_to_the_next_cue_when_timing_does_not_allow()
    {
        var fast = Speech.Sentence("Quickly now, everybody into the car!", wordSeconds: 0.2, gapSeconds: 0.02);
        var next = Speech.Sentence("Go!", startSeconds: fast.End.TotalSeconds + 0.1);

        var cues = Segmenter.Segment([fast, next]).SelectMany(s => s.Cues).ToList();

        Assert.Equal(next.Start - Rules.MinGap, cues[0].End);
    }

    [Fact]
    public void A_sentence_is_cut_after_punctuation_when_it_must_be_cut()
    {
        var cues = Segment("I waited for you at the corner for an hour, and then I went home alone because it was late and cold.");

        Assert.Equal(2, cues.Count);
        Assert.EndsWith("for an hour,", cues[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cue_never_ends_with_an_article()
    {
        var cues = Segment(LongSentence);
        Assert.All(cues.SkipLast(1), cue => Assert.False(LanguageWords.BindsToNext("en", cue.Text.Split(' ')[^1]), cue.Text));
    }

    [Fact]
    public void A_sentence_cut_in_two_gets_two_balanced_cues_rather_than_a_stub()
    {
        var cues = Segment("The committee will meet again next week to discuss the budget for the new library building downtown.");

        Assert.Equal(2, cues.Count);
        Assert.True(Math.Abs(cues[0].Text.Length - cues[1].Text.Length) < 30, string.Join(" | ", cues.Select(c => c.Text)));
    }

    [Fact]
    public void No_cue_runs_past_the_end_of_the_media()
    {
        var sentence = Speech.Sentence("The end.", startSeconds: 9.5, wordSeconds: 0.2);
        var cue = Segmenter.Segment([sentence], mediaDuration: TimeSpan.FromSeconds(10)).Single().Cues.Single();
        Assert.Equal(TimeSpan.FromSeconds(10), cue.End);
    }

    [Fact]
    public void Cues_follow_the_speech_they_show()
    {
        var sentence = Speech.Sentence(LongSentence);
        var cues = Segmenter.Segment([sentence]).Single().Cues;

        Assert.Equal(sentence.Start, cues[0].Start);
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.Start < pair.Second.Start));
    }

    private static IReadOnlyList<Cue> Segment(string text, double wordSeconds = 0.3, double gapSeconds = 0.05) =>
        Segmenter.Segment([Speech.Sentence(text, wordSeconds: wordSeconds, gapSeconds: gapSeconds)]).Single().Cues;
}
