using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.UnitTests.Pipeline;

public class GlossaryTests
{
    private static readonly Glossary Terms = new(new Dictionary<string, string>
    {
        ["Acme Widget"] = "Acme Widget",
        ["widget"] = "artilugio",
        ["AI"] = "IA",
    });

    [Fact]
    public void Protected_terms_come_back_as_their_required_translation()
    {
        var protectedText = Terms.Protect("The Acme Widget beats any other widget, thanks to AI.");

        Assert.DoesNotContain("widget", protectedText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The Acme Widget beats any other artilugio, thanks to IA.", Terms.Restore(protectedText));
    }

    [Fact]
    public void Terms_match_whole_words_only()
    {
        Assert.Equal("widgets and PAID", Terms.Restore(Terms.Protect("widgets and PAID")));
    }

    [Fact]
    public void Placeholders_contain_no_digits_or_spaces()
    {
        var protectedText = Terms.Protect("AI");
        Assert.DoesNotContain(' ', protectedText);
        Assert.False(protectedText.Any(char.IsDigit), protectedText);
    }
}
