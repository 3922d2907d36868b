using VideoTranslation.Pipeline.Editing;

namespace VideoTranslation.Server.Editing;

/// <summary>What a set of edits came to: the tracks to store (each one version on), or every reason it cannot be applied, by cue id.</summary>
public abstract record CueEditOutcome
{
    private CueEditOutcome()
    {
    }

    public sealed record Applied(IReadOnlyList<CueTrack> Tracks) : CueEditOutcome;

    public sealed record Invalid(Dictionary<string, string[]> Errors) : CueEditOutcome;
}
