using VideoTranslation.Server.Editing;

namespace VideoTranslation.Server.Api.V1;

/// <summary>A job's cues in one track, as <c>GET /v1/jobs/{id}/cues/{track}</c> shows them; <see cref="Revision"/> is the render they were last used by.</summary>
/// <remarks>
/// <see cref="Speakers"/> lists the job's speakers on the source track; <see cref="Voices"/> gives a target track's voice
/// per speaker once a dub cast them.
/// </remarks>
public sealed record CueTrackResource(
    string Track, int Revision, bool Changed, IReadOnlyList<CueResource> Cues, IReadOnlyList<SpeakerResource>? Speakers, IReadOnlyDictionary<string, string>? Voices)
{
    public static CueTrackResource From(StoredTrack stored) => new(
        stored.Track.Track,
        stored.Revision,
        stored.Changed,
        [.. stored.Track.Cues.Select(cue => new CueResource(cue.Id, cue.Start, cue.End, cue.Text, cue.SourceIds, cue.Edited, cue.Stale, cue.Speaker))],
        stored.Track.Speakers?.Select(speaker => new SpeakerResource(speaker.Id, speaker.Name, speaker.MedianPitchHz, null)).ToList(),
        stored.Track.Voices);
}

/// <summary>
/// One cue: its stable id, times in seconds, text, the source cues it translates (empty on the source track), whether a
/// person wrote its text (a render keeps it), whether its source changed since it was translated, and who says it.
/// </summary>
public sealed record CueResource(string Id, double Start, double End, string Text, IReadOnlyList<string> SourceIds, bool Edited, bool Stale, string? Speaker);

/// <summary>The body of <c>PATCH /v1/jobs/{id}/cues/{track}</c>: the cues to change, each by id with the fields to replace.</summary>
/// <remarks><see cref="Voices"/> changes a target track's voice per speaker (e.g. <c>{"S2": "es+f3"}</c>).</remarks>
public sealed record CueEditsRequest(IReadOnlyList<CueEditRequest>? Cues, IReadOnlyDictionary<string, string>? Voices = null);

public sealed record CueEditRequest(string? Id, string? Text, double? Start, double? End, string? Speaker = null);

/// <summary>The optional body of <c>POST /v1/jobs/{id}/render</c>: the target languages to render (every one with changes when left out).</summary>
public sealed record RenderRequest(IReadOnlyList<string>? Languages);
