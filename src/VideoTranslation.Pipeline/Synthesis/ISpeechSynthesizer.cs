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

    /// <summary>
    /// The voices for <paramref name="language"/> that sound different from each other, each with its pitch, for giving
    /// every speaker a voice of their own in their register. Each engine knows its own (espeak-ng's are measured once).
    /// </summary>
    Task<IReadOnlyList<RegisterVoice>> RegisterVoicesAsync(LanguageCode language, CancellationToken cancellationToken);

    /// <param name="voice">An engine-specific voice name; null for the language's default voice.</param>
    Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken);
}
