using VideoTranslation.Domain;
using VideoTranslation.Pipeline.OpenAi;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.UnitTests.Pipeline;

/// <summary>What <c>GET /v1/capabilities</c> reports comes from the engines' own answers, pair by pair.</summary>
public sealed class LanguageSupportTests
{
    [Fact]
    public void Listed_pairs_carry_whether_the_source_is_recognized_and_the_target_dubbed()
    {
        var pipeline = new TranslationPipeline(new Hears("en"), new Translates("en->es", "es->en", "en->pt-BR"), new Speaks("es", "pt-BR"));

        var support = pipeline.DescribeSupport();

        Assert.False(support.AnyPair);
        Assert.Equal(
            [new("en", "es", true, true), new("es", "en", false, false), new("en", "pt-BR", true, true)],
            support.Pairs);
        Assert.Equal(("hears", "translates", "speaks"), (support.Recognizer, support.Translator, support.Synthesizer));
    }

    [Fact]
    public void An_engine_that_cannot_list_its_pairs_takes_any()
    {
        using var http = new HttpClient();
        var openAi = new OpenAiOptions { BaseUrl = "http://127.0.0.1:9/v1" };
        var pipeline = new TranslationPipeline(new OpenAiRecognizer(http, openAi), new OpenAiTranslator(http, openAi), new Speaks("es"));

        var support = pipeline.DescribeSupport();

        Assert.True(support.AnyPair);
        Assert.Empty(support.Pairs);
        Assert.True(support.DetectsSourceLanguage);
    }

    private sealed class Hears(params string[] languages) : ISpeechRecognizer
    {
        public string Name => "hears";

        public bool Supports(LanguageCode language) => languages.Contains(language.Value);

        public Task<Transcript> RecognizeAsync(string wavPath, LanguageCode language, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Translates(params string[] pairs) : ITranslator
    {
        public string Name => "translates";

        public IReadOnlyList<string> SupportedPairs => pairs;

        public bool Supports(LanguageCode source, LanguageCode target) => pairs.Contains($"{source}->{target}");

        public Task<IReadOnlyList<string>> TranslateAsync(IReadOnlyList<string> sentences, LanguageCode source, LanguageCode target, Glossary glossary, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class Speaks(params string[] languages) : ISpeechSynthesizer
    {
        public string Name => "speaks";

        public bool Supports(LanguageCode language) => languages.Contains(language.Value);

        public string? RefuseVoice(string voice) => null;

        public Task<IReadOnlyList<RegisterVoice>> RegisterVoicesAsync(LanguageCode language, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
