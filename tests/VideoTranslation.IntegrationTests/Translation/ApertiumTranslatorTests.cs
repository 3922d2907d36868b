using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.Translation;

/// <summary>The offline translator with Debian's apertium pairs.</summary>
public sealed class ApertiumTranslatorTests
{
    private static readonly ApertiumTranslator Translator = new(new ApertiumOptions());
    private static readonly LanguageCode English = LanguageCode.Parse("en");

    [Fact]
    public async Task Translates_english_sentences_to_spanish_one_for_one()
    {
        var spanish = await Translator.TranslateAsync(
            ["Good morning.", "The weather is good today", "The house is big."], English, LanguageCode.Parse("es"), Glossary.Empty, default);

        Assert.Equal(3, spanish.Count);
        Assert.Equal("Buenos días.", spanish[0]);
        Assert.Contains("tiempo", spanish[1], StringComparison.Ordinal);
        Assert.Equal("La casa es grande.", spanish[2]);
    }

    [Theory]
    [InlineData("ca", "molt")]
    [InlineData("gl", "bo")]
    [InlineData("pt", "bom")]
    [InlineData("pt-BR", "bom")]
    public async Task Reaches_catalan_galician_and_portuguese_directly_or_through_spanish(string target, string expectedWord)
    {
        var translated = await Translator.TranslateAsync(["The weather is very good."], English, LanguageCode.Parse(target), Glossary.Empty, default);

        Assert.Contains(expectedWord, translated.Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Enforces_glossary_terms()
    {
        var glossary = new Glossary(new Dictionary<string, string> { ["Acme Widget"] = "Acme Widget", ["meeting"] = "junta" });

        var translated = await Translator.TranslateAsync(["We love the Acme Widget.", "The meeting starts now."], English, LanguageCode.Parse("es"), glossary, default);

        Assert.Contains("Acme Widget", translated[0], StringComparison.Ordinal);
        Assert.Contains("junta", translated[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_pair_it_cannot_reach_and_lists_those_it_can()
    {
        Assert.False(Translator.Supports(English, LanguageCode.Parse("ja")));

        var error = await Assert.ThrowsAsync<UnsupportedLanguageException>(
            () => Translator.TranslateAsync(["Hello."], English, LanguageCode.Parse("ja"), Glossary.Empty, default));

        Assert.Contains("en->es", error.Supported);
        Assert.Contains("en->pt", error.Supported);
        Assert.Contains("en->es", error.Message, StringComparison.Ordinal);
    }
}
