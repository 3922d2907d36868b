using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

public class SentenceSplitterTests
{
    private static readonly SubtitleRules Rules = new();

    [Fact]
    public void With_punctuation_sentences_end_at_full_stops_questions_and_exclamations()
    {
        var words = Speech.Words("Hello there. How are you? Fine! Thanks");
        var transcript = new Transcript("en", "test", HasPunctuation: true, [new TranscriptSegment(words[0].Start, words[^1].End, words)]);

        var sentences = SentenceSplitter.Split(transcript, Rules);

        Assert.Equal(["Hello there.", "How are you?", "Fine!", "Thanks"], sentences.Select(s => s.Text));
    }

    [Fact]
    public void Without_punctuation_pauses_end_sentences_which_get_a_capital_and_a_full_stop()
    {
        var first = Speech.Words("good morning everyone");
        var second = Speech.Words("i think it will rain", startSeconds: first[^1].End.TotalSeconds + 0.7);
        var third = Speech.Words("bring an umbrella", startSeconds: second[^1].End.TotalSeconds + 0.2);
        List<TranscribedWord> all = [.. first, .. second, .. third];
        var transcript = new Transcript("en", "pocketsphinx", HasPunctuation: false, [new TranscriptSegment(all[0].Start, all[^1].End, all)]);

        var sentences = SentenceSplitter.Split(transcript, Rules);

        Assert.Equal(["Good morning everyone.", "I think it will rain bring an umbrella."], sentences.Select(s => s.Text));
        Assert.Equal(second[0].Start, sentences[1].Start);
    }

    [Fact]
    public void Without_punctuation_each_utterance_ends_a_sentence()
    {
        var a = Speech.Words("first utterance");
        var b = Speech.Words("second one", startSeconds: 1.2);
        var transcript = new Transcript("en", "pocketsphinx", HasPunctuation: false,
            [new TranscriptSegment(a[0].Start, a[^1].End, a), new TranscriptSegment(b[0].Start, b[^1].End, b)]);

        Assert.Equal(["First utterance.", "Second one."], SentenceSplitter.Split(transcript, Rules).Select(s => s.Text));
    }

    [Fact]
    public void Without_punctuation_a_pause_that_stands_out_ends_a_sentence_even_if_short()
    {
        // Like flite: 0.01 s between words, 0.16 s between sentences.
        var first = Speech.Words("good morning everyone", gapSeconds: 0.01);
        var second = Speech.Words("today we talk about rain", startSeconds: first[^1].End.TotalSeconds + 0.16, gapSeconds: 0.01);
        List<TranscribedWord> all = [.. first, .. second];
        var transcript = new Transcript("en", "pocketsphinx", HasPunctuation: false, [new TranscriptSegment(all[0].Start, all[^1].End, all)]);

        Assert.Equal(["Good morning everyone.", "Today we talk about rain."], SentenceSplitter.Split(transcript, Rules).Select(s => s.Text));
    }

    [Fact]
    public void The_pause_threshold_is_relative_but_bounded()
    {
        Transcript With(double gap) => new("en", "x", false, [new TranscriptSegment(TimeSpan.Zero, TimeSpan.FromSeconds(9), Speech.Words("a b c d e", gapSeconds: gap))]);

        Assert.Equal(TimeSpan.FromSeconds(0.15), SentenceSplitter.PauseThreshold(With(0.01), Rules));
        Assert.Equal(0.25, SentenceSplitter.PauseThreshold(With(0.05), Rules).TotalSeconds, precision: 6);
        Assert.Equal(TimeSpan.FromSeconds(0.6), SentenceSplitter.PauseThreshold(With(0.3), Rules));
    }
}
