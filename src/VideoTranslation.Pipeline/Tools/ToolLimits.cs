namespace VideoTranslation.Pipeline.Tools;

/// <summary>
/// How long one run of an external tool may take and how much memory (address space) it may map: a crafted file
/// must not be able to hang a worker or eat the machine. Memory is capped with <c>prlimit</c> (util-linux) where it
/// is installed.
/// </summary>
public sealed record ToolLimits(TimeSpan Timeout, long MemoryBytes)
{
    /// <summary>
    /// Two hours and 8 GiB of address space (threads reserve stacks they never touch, so address space runs well
    /// ahead of memory used): far beyond what a normal run of any tool here needs on a long video.
    /// </summary>
    public static ToolLimits Default { get; } = new(TimeSpan.FromHours(2), 8L * 1024 * 1024 * 1024);

    /// <summary>Probing reads headers: a minute is plenty, and a file that takes longer is treated as unreadable.</summary>
    public ToolLimits ForProbing => this with { Timeout = Timeout < TimeSpan.FromMinutes(1) ? Timeout : TimeSpan.FromMinutes(1) };
}
