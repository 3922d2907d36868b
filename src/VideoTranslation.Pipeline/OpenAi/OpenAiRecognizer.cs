using System.Net.Http.Headers;
using System.Text.Json;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>
/// Speech recognition by an OpenAI-compatible <c>/audio/transcriptions</c> endpoint (<c>verbose_json</c> with word
/// and segment timestamps). Words are used where the server gives them; otherwise segments are spread evenly.
/// </summary>
public sealed class OpenAiRecognizer(HttpClient http, OpenAiOptions options) : ISpeechRecognizer
{
    public string Name => "openai";

    public bool Supports(LanguageCode language) => options.IsConfigured;

    public async Task<Transcript> RecognizeAsync(string wavPath, LanguageCode language, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var audio = new StreamContent(File.OpenRead(wavPath));
        audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(audio, "file", Path.GetFileName(wavPath));
        form.Add(new StringContent(options.TranscriptionModel), "model");
        if (!language.IsAuto)
        {
            form.Add(new StringContent(language.Language), "language");
        }

        form.Add(new StringContent("verbose_json"), "response_format");
        form.Add(new StringContent("word"), "timestamp_granularities[]");
        form.Add(new StringContent("segment"), "timestamp_granularities[]");

        using var request = OpenAiHttp.Request(options, HttpMethod.Post, "audio/transcriptions", form, Name);
        using var response = await OpenAiHttp.SendAsync(http, request, Name, cancellationToken);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return new Transcript(language.IsAuto ? Detected(json.RootElement) : language.Value, Name, HasPunctuation: true, Segments(json.RootElement));
    }

    private static List<TranscriptSegment> Segments(JsonElement root)
    {
        var words = root.TryGetProperty("words", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(word => new TranscribedWord(word.GetProperty("word").GetString()!.Trim(), Seconds(word, "start"), Seconds(word, "end"))).ToList()
            : [];
        var segments = new List<TranscriptSegment>();
        foreach (var segment in root.TryGetProperty("segments", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var (start, end) = (Seconds(segment, "start"), Seconds(segment, "end"));
            var inside = words.Where(word => word.Start >= start && word.Start < end).ToList();
            if (inside.Count == 0)
            {
                var text = (segment.GetProperty("text").GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var step = (end - start) / Math.Max(1, text.Length);
                inside = [.. text.Select((word, i) => new TranscribedWord(word, start + (step * i), start + (step * (i + 1))))];
            }

            if (inside.Count > 0)
            {
                segments.Add(new TranscriptSegment(start, end, inside));
            }
        }

        return segments;
    }

    /// <summary>The language the server identified: a code, or (OpenAI's own API) an English name.</summary>
    private static string Detected(JsonElement root)
    {
        var reported = root.TryGetProperty("language", out var value) ? value.GetString() ?? "" : "";
        if (LanguageCode.TryParse(reported, out var code, out _))
        {
            return code.Value;
        }

        return LanguageNames.GetValueOrDefault(reported.Trim().ToLowerInvariant())
               ?? throw new InvalidOperationException($"The transcription server reported the language as '{reported}', which is not a known language.");
    }

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.Ordinal)
    {
        ["english"] = "en",
        ["spanish"] = "es",
        ["french"] = "fr",
        ["german"] = "de",
        ["italian"] = "it",
        ["portuguese"] = "pt",
        ["catalan"] = "ca",
        ["galician"] = "gl",
        ["dutch"] = "nl",
        ["japanese"] = "ja",
        ["chinese"] = "zh",
        ["korean"] = "ko",
        ["russian"] = "ru",
        ["arabic"] = "ar",
        ["hindi"] = "hi",
        ["polish"] = "pl",
        ["turkish"] = "tr",
        ["swedish"] = "sv",
    };

    private static TimeSpan Seconds(JsonElement element, string property) => TimeSpan.FromSeconds(element.GetProperty(property).GetDouble());
}
