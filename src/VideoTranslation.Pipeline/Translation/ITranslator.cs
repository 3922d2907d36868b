using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Translation;

/// <summary>A machine translation engine. Translates whole sentences, in order, one output per input.</summary>
public interface ITranslator
{
    /// <summary>The engine's name in configuration and in <c>vts engines</c>, e.g. <c>apertium</c>.</summary>
    string Name { get; }

    /// <summary>The pairs it can translate here, e.g. <c>en->es</c>.</summary>
    IReadOnlyList<string> SupportedPairs { get; }

    bool Supports(LanguageCode source, LanguageCode target);

    /// <summary>The language a pair is translated through when the engine has no direct way (e.g. <c>es</c> for en->fr); null when direct.</summary>
    string? BridgeOf(LanguageCode source, LanguageCode target) => null;

    /// <exception cref="UnsupportedLanguageException">The pair is not supported; the message lists those that are.</exception>
    Task<IReadOnlyList<string>> TranslateAsync(
        IReadOnlyList<string> sentences, LanguageCode source, LanguageCode target, Glossary glossary, CancellationToken cancellationToken);
}
