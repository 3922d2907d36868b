using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Engines;

/// <summary>How dubbed speech is fitted into its time. Bound from the <c>Dubbing</c> configuration section.</summary>
public sealed class DubbingOptions
{
    public const string SectionName = "Dubbing";

    /// <summary>Fastest the synthesized speech may be played (pitch-preserving) to fit its slot, before it borrows silence.</summary>
    [Range(1.0, 2.0, ErrorMessage = "Dubbing:MaxSpeedUp must be between {1} and {2}.")]
    public double MaxSpeedUp { get; set; } = 1.35;
}
