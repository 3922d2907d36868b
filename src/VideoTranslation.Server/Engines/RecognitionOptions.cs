using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Engines;

/// <summary>Which speech recognizer video jobs use. Bound from the <c>Recognition</c> configuration section.</summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary><c>pocketsphinx</c> (offline, English) or <c>whisper</c> (needs <c>Recognition:Whisper:ModelPath</c>).</summary>
    [AllowedValues("pocketsphinx", "whisper", ErrorMessage = "Recognition:Engine must be 'pocketsphinx' or 'whisper'.")]
    public string Engine { get; set; } = "pocketsphinx";
}
