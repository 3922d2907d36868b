namespace VideoTranslation.Pipeline.Editing;

/// <summary>
/// One cue of an editable track. Source cues are <c>c1</c>, <c>c2</c>, … in order; a translated cue has the id of the
/// source cue it is shown over (<c>c3</c>, and <c>c3-2</c> for a second cue sharing that time) and names it in
/// <see cref="SourceIds"/>. Ids never change once given, so edits and renders can refer to them.
/// </summary>
public sealed record TrackCue
{
    public required string Id { get; init; }

    /// <summary>Seconds from the start of the media.</summary>
    public required double Start { get; init; }

    public required double End { get; init; }

    public required string Text { get; init; }

    /// <summary>The source cues this cue translates; empty on the source track.</summary>
    public IReadOnlyList<string> SourceIds { get; init; } = [];

    /// <summary>Who says it (<c>S1</c>, <c>S2</c>, …): the speaker whose voice speaks it in each dub.</summary>
    public string? Speaker { get; init; }

    /// <summary>The source sentence the cue belongs to: the unit of translation and of the dub.</summary>
    public int Sentence { get; init; }

    /// <summary>A person wrote this text: a render never replaces it by a new translation.</summary>
    public bool Edited { get; init; }

    /// <summary>Its source cue changed since it was translated: the next render translates its sentence again.</summary>
    public bool Stale { get; init; }
}
