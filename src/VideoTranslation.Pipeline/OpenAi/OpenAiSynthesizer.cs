using System.Net.Http.Json;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>Speech synthesis by an OpenAI-compatible <c>/audio/speech</c> endpoint, as WAV.</summary>
public sealed partial class OpenAiSynthesizer(HttpClient http, OpenAiOptions options) : ISpeechSynthesizer
{
    public string Name => "openai";

    public bool Supports(LanguageCode language) => options.IsConfigured;

    /// <summary>
    /// OpenAI's voices (alloy, ash, coral, echo, fable, nova, onyx, sage, shimmer, ...) and compatible servers' own
    /// (e.g. <c>en_US-lessac-medium</c>) are plain names: letters, digits, '_' and '-', nothing a server could read as a path.
    /// </summary>
    public string? RefuseVoice(string voice) =>
        VoiceName().IsMatch(voice) ? null : "An openai voice is a plain name of at most 64 letters, digits, '_' or '-', e.g. alloy, nova or onyx.";

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial System.Text.RegularExpressions.Regex VoiceName();

    /// <summary>
    /// OpenAI's built-in voices from the deepest to the highest, with the pitch each is heard at (approximate: the
    /// service gives none, and a compatible server with voices of its own is cast among these names too).
    /// </summary>
    public Task<IReadOnlyList<RegisterVoice>> RegisterVoicesAsync(LanguageCode language, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RegisterVoice>>(
        [
            new("onyx", 95), new("echo", 115), new("ash", 120), new("fable", 135), new("alloy", 165),
            new("sage", 190), new("coral", 200), new("nova", 210), new("shimmer", 220),
        ]);

    public async Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken)
    {
        using var body = JsonContent.Create(new { model = options.SpeechModel, input = text, voice = voice ?? options.Voice, response_format = "wav" });
        using var request = OpenAiHttp.Request(options, HttpMethod.Post, "audio/speech", body, Name);
        using var response = await OpenAiHttp.SendAsync(http, request, Name, cancellationToken);
        await using var file = File.Create(outputWav);
        await response.Content.CopyToAsync(file, cancellationToken);
    }
}
