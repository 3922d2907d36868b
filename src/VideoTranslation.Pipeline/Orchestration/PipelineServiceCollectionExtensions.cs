using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoTranslation.Pipeline.OpenAi;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// The translation pipeline with the engines configuration chooses (<c>Engines:*</c>) and their options
/// (<c>Pocketsphinx</c>, <c>Apertium</c>, <c>Whisper</c>, <c>OpenAi</c>): one registration for every host that translates,
/// the server's workers and <c>vts translate</c> alike, so a setting means the same wherever it is given.
/// Needs an <c>IConfiguration</c> in the container.
/// </summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddTranslationPipeline(this IServiceCollection services)
    {
        services.AddOptions<EnginesOptions>().BindConfiguration(EnginesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PocketsphinxOptions>().BindConfiguration(PocketsphinxOptions.SectionName);
        services.AddOptions<ApertiumOptions>().BindConfiguration(ApertiumOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WhisperOptions>().BindConfiguration(WhisperOptions.SectionName);
        services.AddOptions<OpenAiOptions>().BindConfiguration(OpenAiOptions.SectionName);
        services.AddHttpClient(OpenAiOptions.SectionName, http => http.Timeout = TimeSpan.FromMinutes(10));
        services.AddSingleton<ISpeechRecognizer>(sp => Engines(sp).Recognition switch
        {
            "whisper" => new WhisperRecognizer(sp.GetRequiredService<IOptions<WhisperOptions>>().Value, OpenAiHttpClient(sp)),
            "openai" => new OpenAiRecognizer(OpenAiHttpClient(sp), sp.GetRequiredService<IOptions<OpenAiOptions>>().Value),
            _ => new PocketsphinxRecognizer(sp.GetRequiredService<IOptions<PocketsphinxOptions>>().Value),
        });
        services.AddSingleton<ITranslator>(sp => Engines(sp).Translation switch
        {
            "openai" => new OpenAiTranslator(OpenAiHttpClient(sp), sp.GetRequiredService<IOptions<OpenAiOptions>>().Value),
            _ => new ApertiumTranslator(sp.GetRequiredService<IOptions<ApertiumOptions>>().Value),
        });
        services.AddSingleton<ISpeechSynthesizer>(sp => Engines(sp).Synthesis switch
        {
            "openai" => new OpenAiSynthesizer(OpenAiHttpClient(sp), sp.GetRequiredService<IOptions<OpenAiOptions>>().Value),
            _ => new EspeakSynthesizer(),
        });
        services.AddSingleton<TranslationPipeline>();
        return services;
    }

    private static EnginesOptions Engines(IServiceProvider services) => services.GetRequiredService<IOptions<EnginesOptions>>().Value;

    /// <summary>An HttpClient for engines that call out (OpenAI-compatible servers, model downloads), from the factory.</summary>
    private static HttpClient OpenAiHttpClient(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAiOptions.SectionName);
}
