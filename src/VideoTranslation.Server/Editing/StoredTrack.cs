using VideoTranslation.Pipeline.Editing;

namespace VideoTranslation.Server.Editing;

/// <summary>
/// A track as the job store keeps it: its cues at their version, the version the last render used, that render's
/// number, and whether the render under way is to use it (a render may be asked for some languages only).
/// </summary>
public sealed record StoredTrack(CueTrack Track, long RenderedVersion, int Revision, bool RenderRequested = false)
{
    /// <summary>What the render under way puts in place: the tracks asked for, and those with nothing to change.</summary>
    public bool ToRender => RenderRequested || !Changed;

    /// <summary>Edited since the last render.</summary>
    public bool Changed => Track.Version != RenderedVersion;

    /// <summary>A strong entity tag: the render and the edit it shows.</summary>
    public string ETag => $"\"{Revision}.{Track.Version}\"";
}
