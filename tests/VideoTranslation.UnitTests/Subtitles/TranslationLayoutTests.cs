using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

public class TranslationLayoutTests
{
    private static readonly SubtitleRules Rules = new();
    private static readonly TranslationLayout Spanish = new(Rules, "es");

    [Fact]
    public void A_one_cue_sentence_keeps_its_timing_and_gets_the_whole_translation()
    {
        var sentence = Cues(("Good morning everyone.", 0.2, 1.7));

        var cue = Spanish.Layout([sentence], ["Buenos días a todos."]).Single();

        Assert.Equal((TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(1.7)), (cue.Start, cue.End));
        Assert.Equal(["Buenos días a todos."], cue.Lines);
    }

    [Fact]
    public void A_sentence_over_two_cues_is_cut_in_proportion_preferring_punctuation()
    {
        var sentence = Cues(("When the rain finally stopped at noon,", 0, 3), ("we all went out to play in the park.", 3.1, 6));

        var cues = Spanish.Layout([sentence], ["Cuando la lluvia por fin paró al mediodía, todos salimos a jugar en el parque."]);

        Assert.Equal(2, cues.Count);
        Assert.Equal("Cuando la lluvia por fin paró al mediodía,", cues[0].Text);
        Assert.Equal("todos salimos a jugar en el parque.", cues[1].Text);
        Assert.Equal(TimeSpan.FromSeconds(3.1), cues[1].Start);
    }

    [Fact]
    public void No_part_ends_with_an_article_or_preposition()
    {
        var sentence = Cues(("They bought a small house", 0, 2), ("near the old harbour.", 2.1, 4));

        var cues = Spanish.Layout([sentence], ["Compraron una casa pequeña cerca de la vieja bahía del puerto."]);

        Assert.All(cues.SkipLast(1), cue => Assert.False(LanguageWords.BindsToNext("es", cue.Text.Split(' ')[^1]), cue.Text));
    }

    [Fact]
    public void A_translation_too_long_for_its_cue_is_shown_in_consecutive_cues_within_that_time()
    {
        var sentence = Cues(("Please listen carefully to the following safety announcement now.", 10, 16));
        var longer = "Por favor, escuchen con mucha atención el siguiente anuncio de seguridad que vamos a leer ahora mismo para todos ustedes.";

        var cues = Spanish.Layout([sentence], [longer]);

        Assert.Equal(2, cues.Count);
        Assert.Equal(longer, string.Join(' ', cues.Select(cue => cue.Text)));
        Assert.All(cues, cue => Assert.All(cue.Lines, line => Assert.True(line.Length <= 42, line)));
        Assert.Equal(TimeSpan.FromSeconds(10), cues[0].Start);
        Assert.True((TimeSpan.FromSeconds(16) - cues[^1].End).Duration() < TimeSpan.FromMilliseconds(1), $"{cues[^1].End}");
        Assert.True(cues[1].Start - cues[0].End >= Rules.MinGap - TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Each_sentence_gets_exactly_its_own_translation()
    {
        var first = Cues(("Yes.", 0, 1));
        var second = Cues(("No.", 2, 3));

        var cues = Spanish.Layout([first, second], ["Sí.", "No."]);

        Assert.Equal(["Sí.", "No."], cues.Select(cue => cue.Text));
        Assert.Throws<ArgumentException>(() => Spanish.Layout([first, second], ["Sí."]));
    }

    private static SentenceCues Cues(params (string Text, double Start, double End)[] cues) =>
        new(Speech.Sentence(string.Join(' ', cues.Select(c => c.Text))),
            [.. cues.Select(c => new Cue(TimeSpan.FromSeconds(c.Start), TimeSpan.FromSeconds(c.End), [c.Text]))]);
}
