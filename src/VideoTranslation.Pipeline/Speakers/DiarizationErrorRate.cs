namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// The diarization error rate as NIST scores it: missed speech, false alarm and speaker confusion over the reference's
/// speech time, ignoring a collar around each reference boundary, after mapping hypothesis speakers to reference
/// speakers for the most overlap (every mapping is tried for up to 8 speakers a side; beyond that, greedily).
/// </summary>
public sealed record DiarizationErrorRate(double Missed, double FalseAlarm, double Confusion, double ScoredSpeech)
{
    private const double Step = 0.01;

    public double Rate => ScoredSpeech == 0 ? 0 : (Missed + FalseAlarm + Confusion) / ScoredSpeech;

    public static DiarizationErrorRate Score(IReadOnlyList<SpeakerTurn> reference, IReadOnlyList<SpeakerTurn> hypothesis, double collar = 0.25)
    {
        var end = reference.Concat(hypothesis).Select(turn => turn.End.TotalSeconds).DefaultIfEmpty(0).Max();
        var frames = (int)Math.Ceiling(end / Step) + 1;
        var truth = Label(reference, frames);
        var guess = Label(hypothesis, frames);
        var scored = new bool[frames];
        Array.Fill(scored, true);
        foreach (var boundary in reference.SelectMany(turn => new[] { turn.Start.TotalSeconds, turn.End.TotalSeconds }))
        {
            for (var f = Math.Max(0, (int)((boundary - collar) / Step)); f < Math.Min(frames, (int)Math.Ceiling((boundary + collar) / Step)); f++)
            {
                scored[f] = false;
            }
        }

        var referenceSpeakers = reference.Select(turn => turn.Speaker).Distinct().ToList();
        var hypothesisSpeakers = hypothesis.Select(turn => turn.Speaker).Distinct().ToList();
        var overlap = new double[hypothesisSpeakers.Count, referenceSpeakers.Count];
        for (var f = 0; f < frames; f++)
        {
            if (scored[f] && truth[f] is { } t && guess[f] is { } g)
            {
                overlap[hypothesisSpeakers.IndexOf(g), referenceSpeakers.IndexOf(t)] += Step;
            }
        }

        var mapping = BestMapping(overlap, hypothesisSpeakers.Count, referenceSpeakers.Count);
        double missed = 0, falseAlarm = 0, confusion = 0, speech = 0;
        for (var f = 0; f < frames; f++)
        {
            if (!scored[f])
            {
                continue;
            }

            var (t, g) = (truth[f], guess[f]);
            speech += t is null ? 0 : Step;
            if (t is not null && g is null)
            {
                missed += Step;
            }
            else if (t is null && g is not null)
            {
                falseAlarm += Step;
            }
            else if (t is not null && g is not null && mapping[hypothesisSpeakers.IndexOf(g)] is var mapped && (mapped < 0 || referenceSpeakers[mapped] != t))
            {
                confusion += Step;
            }
        }

        return new DiarizationErrorRate(missed, falseAlarm, confusion, speech);
    }

    private static string?[] Label(IReadOnlyList<SpeakerTurn> turns, int frames)
    {
        var labels = new string?[frames];
        foreach (var turn in turns)
        {
            for (var f = (int)Math.Round(turn.Start.TotalSeconds / Step); f < Math.Min(frames, (int)Math.Round(turn.End.TotalSeconds / Step)); f++)
            {
                labels[f] = turn.Speaker;
            }
        }

        return labels;
    }

    /// <summary>For each hypothesis speaker, the reference speaker it stands for (-1: none), maximizing the total overlap.</summary>
    private static int[] BestMapping(double[,] overlap, int hypotheses, int references)
    {
        var best = Enumerable.Repeat(-1, hypotheses).ToArray();
        if (hypotheses <= 8 && references <= 8)
        {
            var current = new int[hypotheses];
            var bestScore = -1.0;
            void Search(int h, int used, double score)
            {
                if (h == hypotheses)
                {
                    if (score > bestScore)
                    {
                        bestScore = score;
                        current.CopyTo(best, 0);
                    }

                    return;
                }

                current[h] = -1;
                Search(h + 1, used, score);
                for (var r = 0; r < references; r++)
                {
                    if ((used & (1 << r)) == 0)
                    {
                        current[h] = r;
                        Search(h + 1, used | (1 << r), score + overlap[h, r]);
                    }
                }
            }

            Search(0, 0, 0);
            return best;
        }

        var pairs = from h in Enumerable.Range(0, hypotheses) from r in Enumerable.Range(0, references) orderby overlap[h, r] descending select (h, r);
        var taken = new HashSet<int>();
        foreach (var (h, r) in pairs)
        {
            if (best[h] < 0 && taken.Add(r))
            {
                best[h] = r;
            }
        }

        return best;
    }
}
