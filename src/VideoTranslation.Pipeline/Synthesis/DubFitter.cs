using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// Fits each cue's synthesized speech into the cue's time: as is when it fits; otherwise sped up
/// (pitch-preserving, up to <paramref name="maxSpeedUp"/>); what is still too long runs on into the silence
/// after the cue, but never into the next cue. What does not fit even then is cut and reported as overflow.
/// </summary>
public static class DubFitter
{
    public const double DefaultMaxSpeedUp = 1.35;

    public static IReadOnlyList<DubPlacement> Fit(IReadOnlyList<Cue> cues, IReadOnlyList<TimeSpan> synthesized, TimeSpan mediaEnd, double maxSpeedUp = DefaultMaxSpeedUp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSpeedUp, 1);
        if (cues.Count != synthesized.Count)
        {
            throw new ArgumentException($"{synthesized.Count} synthesized clips for {cues.Count} cues.", nameof(synthesized));
        }

        var placements = new List<DubPlacement>(cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            var cue = cues[i];
            var length = synthesized[i];
            var slot = cue.Duration;
            var speedUp = length > slot && slot > TimeSpan.Zero ? Math.Min(maxSpeedUp, length / slot) : 1;
            var played = length / speedUp;

            var limit = (i + 1 < cues.Count ? cues[i + 1].Start : mediaEnd) - cue.Start;
            var overflow = played > limit ? played - limit : TimeSpan.Zero;
            placements.Add(new DubPlacement(i, cue.Start, cue.End, length, speedUp, played - overflow, overflow));
        }

        return placements;
    }
}
