namespace VideoTranslation.Client;

/// <summary>What to do with an uploaded video (<c>POST /v1/jobs</c>).</summary>
public sealed class VideoTranslationOptions
{
    /// <summary>The language spoken in the video.</summary>
    public string SourceLanguage { get; set; } = "en";

    /// <summary>One or more target languages, e.g. <c>es</c>, <c>pt-BR</c>.</summary>
    public IList<string> TargetLanguages { get; } = [];

    /// <summary>Synthesize dubbed audio per target language.</summary>
    public bool Dub { get; set; } = true;

    /// <summary>Mix the original audio, ducked, under the dub.</summary>
    public bool KeepOriginalAudio { get; set; } = true;

    /// <summary><c>soft</c> (a subtitle track per language in the output video), <c>burned</c> (the first language drawn into the picture; re-encodes the video) or <c>none</c>.</summary>
    public string Subtitles { get; set; } = "soft";

    /// <summary>Voice per target language, e.g. <c>es</c> → <c>es-419</c>.</summary>
    public IDictionary<string, string> Voices { get; } = new Dictionary<string, string>();

    /// <summary>
    /// How many people speak (1 to 10); null to let the server estimate it. Each gets a voice of their own in every dub.
    /// </summary>
    public int? Speakers { get; set; }

    /// <summary>Voice per target language and speaker, e.g. <c>es</c> → <c>S2</c> → <c>es+f3</c>.</summary>
    public IDictionary<string, IDictionary<string, string>> SpeakerVoices { get; } = new Dictionary<string, IDictionary<string, string>>();

    /// <summary>Source terms and how they must be translated.</summary>
    public IDictionary<string, string> Glossary { get; } = new Dictionary<string, string>();

    /// <summary>An SRT or WebVTT file in the source language that replaces speech recognition.</summary>
    public string? SourceSubtitlesPath { get; set; }

    /// <summary>
    /// Where the server POSTs the job when it finishes (a webhook signed per Standard Webhooks; verify it with
    /// <see cref="WebhookVerifier"/>).
    /// </summary>
    public Uri? CallbackUrl { get; set; }
}
