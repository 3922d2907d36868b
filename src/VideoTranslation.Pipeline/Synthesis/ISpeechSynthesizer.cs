using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>A speech synthesis engine: text in, a WAV file of it spoken out.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name in configuration and in <c>vts engines</c>, e.g. <c>espeak-ng</c>.</summary>
    string Name { get; }

    bool Supports(LanguageCode language);

    /// <param name="voice">An engine-specific voice name; null for the language's default voice.</param>
    Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken);
}
