using System.ComponentModel.DataAnnotations;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Server.Engines;

/// <summary>Limits on each run of an external tool (ffmpeg, pocketsphinx, ...). Bound from the <c>Tools</c> section.</summary>
public sealed class ToolsOptions
{
    public const string SectionName = "Tools";

    /// <summary>Longest one run may take; past it the tool is killed and the job fails with <c>tool_timeout</c>.</summary>
    [Range(1, 7 * 24 * 3600, ErrorMessage = "Tools:MaxSeconds must be between {1} and {2}.")]
    public double MaxSeconds { get; set; } = ToolLimits.Default.Timeout.TotalSeconds;

    /// <summary>Most address space one run may map, in MiB (<c>prlimit --as</c>); 0 for no limit.</summary>
    [Range(0, 1024 * 1024, ErrorMessage = "Tools:MaxMemoryMiB must be between {1} and {2}.")]
    public long MaxMemoryMiB { get; set; } = ToolLimits.Default.MemoryBytes / (1024 * 1024);

    public ToolLimits ToLimits() => new(TimeSpan.FromSeconds(MaxSeconds), MaxMemoryMiB * 1024 * 1024);
}
