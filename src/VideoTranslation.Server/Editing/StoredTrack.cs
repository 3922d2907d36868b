using VideoTranslation.Pipeline.Editing;

namespace VideoTranslation.Server.Editing;

/// <summary>A track as the job store keeps it: its cues at their version, the version the last render used, and that render's number.</summary>
public sealed record StoredTrack(CueTrack Track, long RenderedVersion, int Revision)
{
    /// <summary>Edited since the last render.</summary>
    public bool Changed => Track.Version != RenderedVersion;

    /// <summary>A strong entity tag: the render and the edit it shows.</summary>
    public string ETag => $"\"{Revision}.{Track.Version}\"";
}
