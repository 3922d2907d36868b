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

    /// <summary>
    /// Where to download the model when <see cref="ModelPath"/> does not exist yet, e.g. a ggml-base.bin URL.
    /// Used only when set, together with <see cref="ModelSha256"/>; the file lands at <see cref="ModelPath"/>.
    /// </summary>
    public Uri? ModelUrl { get; set; }

    /// <summary>The model's published SHA-256 (hex). A download that does not match is deleted and refused.</summary>
    public string? ModelSha256 { get; set; }
}
