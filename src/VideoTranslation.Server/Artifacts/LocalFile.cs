namespace VideoTranslation.Server.Artifacts;

/// <summary>A complete file in a job's local directory: its '/'-separated path relative to that directory, size and last write.</summary>
public sealed record LocalFile(string RelativePath, long Size, DateTime LastWriteUtc)
{
    /// <summary>A version from size and time: a stage writes a new file (renamed into place), so a rewrite changes the time.</summary>
    public string Version => $"{Size:x}-{LastWriteUtc.Ticks:x}";
}
