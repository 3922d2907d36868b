namespace VideoTranslation.Pipeline.Translation;

/// <summary>Where apertium and its language pairs are; the defaults are Debian's packages.</summary>
public sealed class ApertiumOptions
{
    public const string SectionName = "Translation:Apertium";

    public string Executable { get; set; } = "apertium";

    /// <summary>Installed pairs appear here as <c>SOURCE-TARGET.mode</c> files.</summary>
    public string ModesDirectory { get; set; } = "/usr/share/apertium/modes";

    /// <summary>Longest chain of pairs to reach a target, e.g. 2 for en->es->pt.</summary>
    public int MaxHops { get; set; } = 2;
}
