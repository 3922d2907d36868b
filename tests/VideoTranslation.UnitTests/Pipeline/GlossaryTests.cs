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

    [Fact]
    public void A_term_that_would_multiply_a_sentence_is_refused_before_the_text_is_built()
    {
        var glossary = new Glossary(new Dictionary<string, string> { ["a"] = new string('x', Glossary.MaxTargetLength) });
        var text = glossary.Protect(string.Join(' ', Enumerable.Repeat("a", 1000)));

        Assert.Throws<GlossaryExpansionException>(() => glossary.Restore(text));
        Assert.Equal("xx b", new Glossary(new Dictionary<string, string> { ["a"] = "xx" }).Restore(new Glossary(new Dictionary<string, string> { ["a"] = "xx" }).Protect("a b")));
    }

    [Theory]
    [InlineData(Glossary.MaxEntries + 1, 5, 5)]
    [InlineData(1, Glossary.MaxTermLength + 1, 5)]
    [InlineData(1, 5, Glossary.MaxTargetLength + 1)]
    public void Oversized_glossaries_are_refused(int entries, int termLength, int targetLength)
    {
        var glossary = Enumerable.Range(0, entries).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadRight(termLength, 't'), _ => new string('x', targetLength));

        Assert.NotNull(Glossary.Refuse(glossary));
        Assert.Null(Glossary.Refuse(new Dictionary<string, string> { ["Acme"] = "Acme" }));
    }
}
