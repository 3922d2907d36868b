namespace VideoTranslation.Pipeline.Recognition;

/// <summary>Where the pocketsphinx model lives; the defaults are Debian's <c>pocketsphinx-en-us</c> package.</summary>
public sealed class PocketsphinxOptions
{
    public const string SectionName = "Recognition:Pocketsphinx";

    public string Executable { get; set; } = "pocketsphinx_continuous";

    public string AcousticModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    public string LanguageModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
}
