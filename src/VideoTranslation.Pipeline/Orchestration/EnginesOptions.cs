using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>Which engine does each part of a video job. Bound from the <c>Engines</c> configuration section.</summary>
public sealed class EnginesOptions
{
    public const string SectionName = "Engines";

    /// <summary><c>pocketsphinx</c> (offline, English), <c>whisper</c> (needs a model file) or <c>openai</c> (needs <c>OpenAi:BaseUrl</c>).</summary>
    [AllowedValues("pocketsphinx", "whisper", "openai", ErrorMessage = "Engines:Recognition must be 'pocketsphinx', 'whisper' or 'openai'.")]
    public string Recognition { get; set; } = "pocketsphinx";

    /// <summary><c>apertium</c> (offline) or <c>openai</c>.</summary>
    [AllowedValues("apertium", "openai", ErrorMessage = "Engines:Translation must be 'apertium' or 'openai'.")]
    public string Translation { get; set; } = "apertium";

    /// <summary><c>espeak-ng</c> (offline) or <c>openai</c>.</summary>
    [AllowedValues("espeak-ng", "openai", ErrorMessage = "Engines:Synthesis must be 'espeak-ng' or 'openai'.")]
    public string Synthesis { get; set; } = "espeak-ng";
}
