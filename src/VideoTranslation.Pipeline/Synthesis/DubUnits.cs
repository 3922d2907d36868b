using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// What gets synthesized as one utterance: a whole translated sentence over the time of all its cues, so it is
/// spoken with one intonation; or, where the speaker paused long inside the sentence, each of its cues on its own,
/// so the dub pauses where the speaker did.
/// </summary>
public static class DubUnits
{
    /// <summary>A pause between a sentence's cues longer than this splits the sentence's dub at it.</summary>
    public static readonly TimeSpan LongPause = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<Cue> From(IReadOnlyList<IReadOnlyList<Cue>> cuesBySentence, IReadOnlyList<string> translations)
    {
        var units = new List<Cue>();
        for (var i = 0; i < cuesBySentence.Count; i++)
        {
            var cues = cuesBySentence[i];
            if (cues.Count == 0)
            {
                continue;
            }

            var pausesInside = cues.Zip(cues.Skip(1)).Any(pair => pair.Second.Start - pair.First.End > LongPause);
            if (pausesInside)
            {
                units.AddRange(cues);
            }
            else
            {
                units.Add(new Cue(cues[0].Start, cues[^1].End, [translations[i]], cues[0].Speaker));
            }
        }

        return units;
    }
}
