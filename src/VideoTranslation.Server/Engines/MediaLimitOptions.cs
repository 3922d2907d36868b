using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// The longest media a job may have. Bound from the <c>Api</c> section (<c>Api:MaxMediaSeconds</c>), beside the other
/// request limits operators set there; owned by the engines because both the upload's check and the engine's
/// measurement of the media apply it.
/// </summary>
public sealed class MediaLimitOptions
{
    public const string SectionName = "Api";

    /// <summary>Longest media accepted, in seconds (4 hours by default); longer media is refused with <c>media_too_long</c>.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:MaxMediaSeconds must be between {1} and {2}.")]
    public double MaxMediaSeconds { get; set; } = 4 * 3600;

    public TimeSpan MaxMediaDuration => TimeSpan.FromSeconds(MaxMediaSeconds);
}
