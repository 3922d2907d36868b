using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Recognition;

/// <summary>A speech recognition engine: 16 kHz mono 16-bit WAV in, timed words out.</summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name in configuration and in <c>vts engines</c>, e.g. <c>pocketsphinx</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the engine can recognize <paramref name="language"/> here (binaries and models present);
    /// for <see cref="LanguageCode.Auto"/>, whether it can identify the language itself.
    /// </summary>
    bool Supports(LanguageCode language);

    /// <summary>Recognizes speech; with <see cref="LanguageCode.Auto"/> the transcript's language is the one detected.</summary>

    Task<Transcript> RecognizeAsync(string wavPath, LanguageCode language, CancellationToken cancellationToken);
}
