namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// What the configured engines can do here, for clients to offer only what will be accepted: the translation
/// pairs, whether each source's speech can be recognized (otherwise it needs provided subtitles) and whether each
/// target can be dubbed. <see cref="AnyPair"/> is set for engines that take pairs they cannot list (a chat model).
/// </summary>
public sealed record LanguageSupport(
    string Recognizer, string Translator, string Synthesizer, bool DetectsSourceLanguage, bool AnyPair, IReadOnlyList<LanguagePairSupport> Pairs);

/// <summary>
/// One translation pair: <see cref="Recognized"/> when the source's speech can be recognized, <see cref="Dubbed"/> when
/// the target has a voice, <see cref="Via"/> the language it is translated through (null when translated directly).
/// </summary>
public sealed record LanguagePairSupport(string Source, string Target, bool Recognized, bool Dubbed, string? Via = null);
