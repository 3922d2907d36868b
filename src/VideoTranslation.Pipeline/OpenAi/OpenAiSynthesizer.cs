using System.Net.Http.Json;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>Speech synthesis by an OpenAI-compatible <c>/audio/speech</c> endpoint, as WAV.</summary>
public sealed class OpenAiSynthesizer(HttpClient http, OpenAiOptions options) : ISpeechSynthesizer
{
    public string Name => "openai";

    public bool Supports(LanguageCode language) => options.IsConfigured;

    public async Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken)
    {
        using var body = JsonContent.Create(new { model = options.SpeechModel, input = text, voice = voice ?? options.Voice, response_format = "wav" });
        using var request = OpenAiHttp.Request(options, HttpMethod.Post, "audio/speech", body, Name);
        using var response = await OpenAiHttp.SendAsync(http, request, Name, cancellationToken);
        await using var file = File.Create(outputWav);
        await response.Content.CopyToAsync(file, cancellationToken);
    }
}
