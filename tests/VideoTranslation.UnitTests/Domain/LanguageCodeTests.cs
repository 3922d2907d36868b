using VideoTranslation.Domain;

namespace VideoTranslation.UnitTests.Domain;

public class LanguageCodeTests
{
    [Theory]
    [InlineData("en", "en", "en")]
    [InlineData("ES", "es", "es")]
    [InlineData("pt-br", "pt-BR", "pt")]
    [InlineData("pt_BR", "pt-BR", "pt")]
    [InlineData("zh-hant-tw", "zh-Hant-TW", "zh")]
    [InlineData("zh-Hans", "zh-Hans", "zh")]
    [InlineData("es-419", "es-419", "es")]
    public void Accepts_and_normalizes_bcp47_tags(string input, string normalized, string language)
    {
        Assert.True(LanguageCode.TryParse(input, out var code, out var error), error);
        Assert.Equal(normalized, code.Value);
        Assert.Equal(language, code.Language);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData(null, "required")]
    [InlineData("xx", "not a known language")]
    [InlineData("eng", "not a known language")]
    [InlineData("english", "not a known language")]
    [InlineData("klingon", "not a known language")]
    [InlineData("en-", "form language[-Script][-REGION]")]
    [InlineData("en-USA", "form language[-Script][-REGION]")]
    [InlineData("en-US-x", "form language[-Script][-REGION]")]
    [InlineData("en-Latn-US-US", "form language[-Script][-REGION]")]
    [InlineData("../etc/passwd", "not a known language")]
    [InlineData("en US", "not a known language")]
    public void Rejects_what_is_not_a_language_with_a_reason(string? input, string reason)
    {
        Assert.False(LanguageCode.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_absurdly_long_values_without_echoing_them_whole()
    {
        var huge = new string('a', 10_000);
        Assert.False(LanguageCode.TryParse(huge, out _, out var error));
        Assert.True(error.Length < 200, error);
    }

    [Fact]
    public void Equal_after_normalization()
    {
        Assert.Equal(LanguageCode.Parse("PT-br"), LanguageCode.Parse("pt-BR"));
    }

    [Theory]
    [InlineData("en", "eng")]
    [InlineData("es", "spa")]
    [InlineData("pt-BR", "por")]
    [InlineData("ca", "cat")]
    [InlineData("gl", "glg")]
    [InlineData("fr", "fra")]
    [InlineData("de", "deu")]
    [InlineData("zh-Hant", "zho")]
    public void Knows_the_iso_639_2_code_media_containers_use(string tag, string iso6392)
    {
        Assert.Equal(iso6392, LanguageCode.Parse(tag).Iso6392);
    }
}
