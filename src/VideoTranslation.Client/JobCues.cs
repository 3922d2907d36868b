namespace VideoTranslation.Client;

/// <summary>
/// A rendered job's cues in one track (<c>source</c> or a target language). <see cref="ETag"/> names this state of the
/// track: pass it to an edit to make sure nobody changed the track meanwhile.
/// </summary>
/// <remarks>
/// <see cref="Speakers"/> lists the job's speakers on the source track; <see cref="Voices"/> is a target track's voice per speaker.
/// </remarks>
public sealed record JobCues(string Track, int Revision, bool Changed, IReadOnlyList<JobCue> Cues, IReadOnlyList<JobSpeaker>? Speakers = null, IReadOnlyDictionary<string, string>? Voices = null)
{
    /// <summary>The track's entity tag as the server sent it (quoted), for <c>If-Match</c>.</summary>
    public string? ETag { get; init; }
}

/// <summary>
/// One cue: a stable id, times in seconds, its text, the source cues it translates, whether a person wrote it, whether
/// its source changed since, and who says it (<c>S1</c>, <c>S2</c>, …).
/// </summary>
public sealed record JobCue(string Id, double Start, double End, string Text, IReadOnlyList<string> SourceIds, bool Edited, bool Stale, string? Speaker = null);

/// <summary>A change to one cue; the values left null stay as they are. <paramref name="Speaker"/> gives the cue to another speaker of the job.</summary>
public sealed record CueChange(string Id, string? Text = null, double? Start = null, double? End = null, string? Speaker = null);

/// <summary>
/// A speaker of a video job: its label (<c>S1</c>, …), the name provided subtitles gave it, its measured median pitch
/// (Hz; 0 where not measured), and its voice per target language.
/// </summary>
public sealed record JobSpeaker(string Id, string? Name, double MedianPitchHz, IReadOnlyDictionary<string, string>? Voices);
