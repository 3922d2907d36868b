using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>
/// Translation by an OpenAI-compatible chat model. Sentences go in batches, each with the sentences around it as
/// context, and come back as a JSON array, one translation per sentence. Models do not always answer as asked:
/// a batch whose answer does not parse or has the wrong count is translated again one sentence at a time, and a
/// sentence whose answer still does not parse fails the attempt (the job is retried). Glossary terms travel as
/// placeholders the model is told to keep, so they come out exactly as required.
/// </summary>
public sealed class OpenAiTranslator(HttpClient http, OpenAiOptions options) : ITranslator
{
    private const int ContextSentences = 2;

    public string Name => "openai";

    public IReadOnlyList<string> SupportedPairs => options.IsConfigured ? ["any language pair the model knows"] : [];

    public bool Supports(LanguageCode source, LanguageCode target) => options.IsConfigured && source.Language != target.Language;

    public async Task<IReadOnlyList<string>> TranslateAsync(
        IReadOnlyList<string> sentences, LanguageCode source, LanguageCode target, Glossary glossary, CancellationToken cancellationToken)
    {
        var protectedSentences = sentences.Select(glossary.Protect).ToList();
        var results = new List<string>(sentences.Count);
        for (var start = 0; start < protectedSentences.Count; start += Math.Max(1, options.TranslationBatchSize))
        {
            var end = Math.Min(protectedSentences.Count, start + Math.Max(1, options.TranslationBatchSize));
            var before = protectedSentences[Math.Max(0, start - ContextSentences)..start];
            var after = protectedSentences[end..Math.Min(protectedSentences.Count, end + ContextSentences)];
            var batch = protectedSentences[start..end];

            var translated = await AskAsync(batch, before, after, source, target, cancellationToken);
            if (translated is null)
            {
                translated = [];
                foreach (var sentence in batch)
                {
                    translated.Add((await AskAsync([sentence], before, after, source, target, cancellationToken))?.Single()
                        ?? throw new InvalidOperationException($"The translation model gave no usable answer for: {sentence}"));
                }
            }

            results.AddRange(translated);
        }

        return [.. results.Select(glossary.Restore)];
    }

    /// <summary>One chat request; null when the answer is not a JSON array of exactly one string per sentence.</summary>
    private async Task<List<string>?> AskAsync(
        List<string> sentences, List<string> before, List<string> after, LanguageCode source, LanguageCode target, CancellationToken cancellationToken)
    {
        var instructions =
            $"You translate video subtitles from the language '{source}' into '{target}'. Translate each entry of \"sentences\" as one whole, natural sentence; " +
            "\"context_before\" and \"context_after\" are neighbouring sentences, for meaning only: do not translate them. " +
            "Tokens of the form Zqx...qz are protected terms: copy them unchanged. " +
            $"Answer with JSON only: {{\"translations\": [...]}} holding exactly {sentences.Count} strings, in order.";
        var payload = JsonSerializer.Serialize(new { context_before = before, sentences, context_after = after });
        using var body = JsonContent.Create(new
        {
            model = options.ChatModel,
            temperature = 0,
            messages = new object[] { new { role = "system", content = instructions }, new { role = "user", content = payload } },
        });
        using var request = OpenAiHttp.Request(options, HttpMethod.Post, "chat/completions", body, Name);
        using var response = await OpenAiHttp.SendAsync(http, request, Name, cancellationToken);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        return ParseTranslations(content, sentences.Count);
    }

    /// <summary>Reads <c>{"translations": [...]}</c> out of a model's answer, tolerating code fences and chatter around it.</summary>
    public static List<string>? ParseTranslations(string content, int expected)
    {
        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(content[start..(end + 1)]);
            if (!json.RootElement.TryGetProperty("translations", out var translations) || translations.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = translations.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "").ToList();
            return list.Count == expected && list.All(t => t.Length > 0) ? list : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
