namespace VideoTranslation.Client;

/// <summary>
/// What a server accepts for video jobs (<c>GET /v1/capabilities</c>): its engines, the language pairs they handle,
/// the subtitle modes and its limits. Offer users only these, and a job is not refused for its languages.
/// </summary>
public sealed record ServerCapabilities(
    ServerEngines Engines,
    bool DetectsSourceLanguage,
    bool AnyLanguagePair,
    IReadOnlyList<LanguagePairCapability> LanguagePairs,
    IReadOnlyList<string> SubtitleModes,
    long MaxUploadBytes,
    double MaxMediaSeconds)
{
    /// <summary>Whether a video in <paramref name="source"/> can be translated into <paramref name="target"/> (from its speech, unless <paramref name="withSubtitles"/>).</summary>
    public bool Supports(string source, string target, bool withSubtitles = false) =>
        AnyLanguagePair || LanguagePairs.Any(pair =>
            string.Equals(pair.Source, source, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(pair.Target, target, StringComparison.OrdinalIgnoreCase) &&
            (pair.Recognized || withSubtitles));
}

/// <summary>The engine doing each kind of work on the server.</summary>
public sealed record ServerEngines(string Recognition, string Translation, string Synthesis);

/// <summary>
/// One pair the server translates: <see cref="Recognized"/> when speech in <see cref="Source"/> is recognized (otherwise
/// a job needs its subtitles), <see cref="Dubbed"/> when <see cref="Target"/> has a voice (otherwise subtitles only).
/// </summary>
public sealed record LanguagePairCapability(string Source, string Target, bool Recognized, bool Dubbed);
