namespace VideoTranslation.Pipeline.Recognition;

/// <summary>The Whisper recognizer's model. Bound from <c>Recognition:Whisper</c>.</summary>
public sealed class WhisperOptions
{
    public const string SectionName = "Recognition:Whisper";

    /// <summary>
    /// A GGML model file, e.g. ggml-base.bin (multilingual) or ggml-base.en.bin (English only). No model ships
    /// with the service; download one where the machine has internet and point this setting at it.
    /// </summary>
    public string? ModelPath { get; set; }
}
