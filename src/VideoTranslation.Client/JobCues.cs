namespace VideoTranslation.Client;

/// <summary>
/// A rendered job's cues in one track (<c>source</c> or a target language). <see cref="ETag"/> names this state of the
/// track: pass it to an edit to make sure nobody changed the track meanwhile.
/// </summary>
public sealed record JobCues(string Track, int Revision, bool Changed, IReadOnlyList<JobCue> Cues)
{
    /// <summary>The track's entity tag as the server sent it (quoted), for <c>If-Match</c>.</summary>
    public string? ETag { get; init; }
}

/// <summary>One cue: a stable id, times in seconds, its text, the source cues it translates, whether a person wrote it, and whether its source changed since.</summary>
public sealed record JobCue(string Id, double Start, double End, string Text, IReadOnlyList<string> SourceIds, bool Edited, bool Stale);

/// <summary>A change to one cue; the values left null stay as they are.</summary>
public sealed record CueChange(string Id, string? Text = null, double? Start = null, double? End = null);
