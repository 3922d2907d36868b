using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>A speech synthesis engine: text in, a WAV file of it spoken out.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name in configuration and in <c>vts engines</c>, e.g. <c>espeak-ng</c>.</summary>
    string Name { get; }

    bool Supports(LanguageCode language);

    /// <summary>
    /// Why <paramref name="voice"/> is not a voice of this engine, or null when it is. Voices come from users, and a
    /// voice name reaches the engine (a process argument, a request field), so only names the engine lists pass.
    /// </summary>
    string? RefuseVoice(string voice);

    /// <param name="voice">An engine-specific voice name; null for the language's default voice.</param>
    Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken);
}
