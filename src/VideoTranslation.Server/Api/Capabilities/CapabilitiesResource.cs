using VideoTranslation.Pipeline.Orchestration;

namespace VideoTranslation.Server.Api.Capabilities;

/// <summary>
/// What this server accepts in <c>POST /v1/jobs</c>: its engines, the language pairs they handle (and for each whether
/// the source's speech is recognized and the target dubbed), the subtitle modes and the size limits.
/// </summary>
public sealed record CapabilitiesResource(
    EnginesResource Engines,
    bool DetectsSourceLanguage,
    bool AnyLanguagePair,
    IReadOnlyList<LanguagePairSupport> LanguagePairs,
    IReadOnlyList<string> SubtitleModes,
    long MaxUploadBytes,
    double MaxMediaSeconds);

/// <summary>The engine that does each kind of work here.</summary>
public sealed record EnginesResource(string Recognition, string Translation, string Synthesis);
