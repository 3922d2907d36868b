using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

public class LineBreakerTests
{
    private static readonly SubtitleRules Rules = new();

    [Fact]
    public void Text_of_up_to_42_characters_stays_on_one_line()
    {
        var text = "This line is exactly forty-two characters.";
        Assert.Equal(42, text.Length);
        Assert.Equal([text], new LineBreaker(Rules, "en").Break(text));
    }

    [Fact]
    public void Longer_text_is_broken_into_two_lines_of_at_most_42()
    {
        var lines = new LineBreaker(Rules, "en").Break("We walked for hours through the old town before we found the hotel")!;

        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, 42));
        Assert.Equal("We walked for hours through the old town before we found the hotel", string.Join(' ', lines));
    }

    [Fact]
    public void Text_that_needs_three_lines_does_not_fit()
    {
        var breaker = new LineBreaker(Rules, "en");
        var text = string.Join(' ', Enumerable.Repeat("words", 16)); // 95 characters
        Assert.Null(breaker.Break(text));
        Assert.False(breaker.Fits(text));
    }

    [Fact]
    public void Breaks_after_punctuation_rather_than_in_the_middle()
    {
        var lines = new LineBreaker(Rules, "en").Break("When the rain stopped at last, everybody went outside to play")!;
        Assert.Equal("When the rain stopped at last,", lines[0]);
    }

    [Fact]
    public void Breaks_before_a_conjunction()
    {
        var lines = new LineBreaker(Rules, "en").Break("She opened the heavy wooden door and stepped into the cold night")!;
        Assert.StartsWith("and ", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "They finally bought a small apartment near the beautiful old harbour")]
    [InlineData("es", "Finalmente compraron un apartamento pequeño cerca de la preciosa bahía")]
    public void Never_ends_a_line_with_an_article_or_preposition(string language, string text)
    {
        var lines = new LineBreaker(Rules, language).Break(text)!;

        var lastWordOfTop = lines[0].Split(' ')[^1];
        Assert.False(LanguageWords.BindsToNext(language, lastWordOfTop), $"Top line ends with '{lastWordOfTop}': {string.Join(" / ", lines)}");
    }

    [Fact]
    public void Prefers_a_longer_lower_line_when_the_choice_is_otherwise_even()
    {
        var lines = new LineBreaker(Rules, "en").Break("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii")!;
        Assert.True(lines[0].Length <= lines[1].Length, string.Join(" / ", lines));
    }
}
