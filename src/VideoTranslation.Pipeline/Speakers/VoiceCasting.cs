using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// Gives each speaker a voice of their own in one language, matched to their register: speakers and voices are both
/// ordered by pitch, and each speaker gets the voice nearest their pitch (on a log scale, as pitch is heard) such that
/// a lower speaker never gets a higher voice than a higher one. Voices named by the user are kept and not given to others.
/// </summary>
public static class VoiceCasting
{
    /// <summary>The pitch dividing low voices from high ones (Hz): adult male speech sits below it, female above.</summary>
    public const double RegisterBoundary = 160;

    // A speaker whose pitch was not measured (provided subtitles without audio analysis) is placed mid-range.
    private const double UnmeasuredPitch = RegisterBoundary;

    /// <param name="chosen">Voices the user named per speaker; they win.</param>
    /// <returns>A voice per speaker id; speakers share voices only when there are more speakers than voices.</returns>
    public static IReadOnlyDictionary<string, string> Cast(
        IReadOnlyList<SpeakerProfile> speakers, IReadOnlyList<RegisterVoice> voices, IReadOnlyDictionary<string, string>? chosen = null)
    {
        var cast = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (speaker, voice) in chosen ?? new Dictionary<string, string>())
        {
            if (speakers.Any(profile => profile.Id == speaker))
            {
                cast[speaker] = voice;
            }
        }

        var free = voices.Where(voice => !cast.ContainsValue(voice.Name)).OrderBy(voice => voice.PitchHz).ToList();
        var open = speakers.Where(speaker => !cast.ContainsKey(speaker.Id)).OrderBy(Pitch).ToList();
        if (open.Count == 0 || voices.Count == 0)
        {
            return cast;
        }

        if (free.Count < open.Count)
        {
            free = [.. voices.OrderBy(voice => voice.PitchHz)]; // not enough to go round: voices are shared, still by register
        }

        var assignment = OrderedMatch(open.Select(Pitch).ToList(), free.Select(voice => voice.PitchHz).ToList());
        for (var i = 0; i < open.Count; i++)
        {
            cast[open[i].Id] = free[assignment[i]].Name;
        }

        return cast;
    }

    /// <summary>Whether a pitch is in the low register (below <see cref="RegisterBoundary"/>).</summary>
    public static bool IsLow(double pitchHz) => pitchHz < RegisterBoundary;

    private static double Pitch(SpeakerProfile speaker) => speaker.MedianPitchHz > 0 ? speaker.MedianPitchHz : UnmeasuredPitch;

    /// <summary>
    /// Indices into <paramref name="voices"/> (ascending) for each of <paramref name="speakers"/> (ascending), increasing
    /// when there are enough voices (distinct), else non-decreasing, minimizing the total log-pitch distance: dynamic programming.
    /// </summary>
    private static int[] OrderedMatch(List<double> speakers, List<double> voices)
    {
        var distinct = voices.Count >= speakers.Count;
        var (n, m) = (speakers.Count, voices.Count);
        var cost = new double[n + 1, m + 1];
        var choice = new int[n + 1, m + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                cost[i, j] = double.PositiveInfinity;
            }
        }

        // cost[i, j]: the best for the first i speakers using only the first j voices.
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var skip = cost[i, j - 1];
                var previous = distinct ? cost[i - 1, j - 1] : Math.Min(cost[i - 1, j - 1], i > 1 ? cost[i - 1, j] : double.PositiveInfinity);
                var take = (i == 1 ? 0 : previous) + Math.Abs(Math.Log(speakers[i - 1]) - Math.Log(voices[j - 1]));
                (cost[i, j], choice[i, j]) = take <= skip ? (take, j - 1) : (skip, choice[i, j - 1]);
            }
        }

        var result = new int[n];
        var at = m;
        for (var i = n; i >= 1; i--)
        {
            result[i - 1] = choice[i, at];
            at = distinct ? result[i - 1] : result[i - 1] + 1;
        }

        return result;
    }
}
