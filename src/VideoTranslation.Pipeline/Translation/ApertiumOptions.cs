namespace VideoTranslation.Pipeline.Translation;

/// <summary>Where apertium and its language pairs are; the defaults are Debian's packages.</summary>
public sealed class ApertiumOptions
{
    public const string SectionName = "Translation:Apertium";

    public string Executable { get; set; } = "apertium";

    /// <summary>
    /// Installed pairs appear here as <c>SOURCE-TARGET.mode</c> files. A folder named <c>modes</c>: apertium is run with
    /// its parent as the data directory (<c>-d</c>), and looks for the modes there.
    /// </summary>
    [System.ComponentModel.DataAnnotations.RegularExpression(@"^.*[/\\]modes[/\\]?$", ErrorMessage = "Translation:Apertium:ModesDirectory must be a folder named 'modes' (apertium reads DIR/modes for -d DIR).")]
    public string ModesDirectory { get; set; } = "/usr/share/apertium/modes";

    /// <summary>Longest chain of pairs to reach a target, e.g. 2 for en->es->pt.</summary>
    public int MaxHops { get; set; } = 2;
}
