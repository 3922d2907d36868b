namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>
/// Any OpenAI-compatible server (OpenAI itself, or a local one such as a whisper or llama.cpp server).
/// Bound from the <c>OpenAi</c> configuration section.
/// </summary>
public sealed class OpenAiOptions
{
    public const string SectionName = "OpenAi";

    /// <summary>The API root, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:8080/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as a bearer token when set.</summary>
    public string? ApiKey { get; set; }

    public string TranscriptionModel { get; set; } = "whisper-1";

    public string ChatModel { get; set; } = "gpt-4o-mini";

    public string SpeechModel { get; set; } = "tts-1";

    /// <summary>The speech voice when a job names none.</summary>
    public string Voice { get; set; } = "alloy";

    /// <summary>Sentences per chat request; each request also sees the sentences around its batch as context.</summary>
    public int TranslationBatchSize { get; set; } = 20;

    public bool IsConfigured => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _);
}
