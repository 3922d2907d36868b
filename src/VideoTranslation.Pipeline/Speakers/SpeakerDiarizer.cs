namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// Classical speaker diarization, without model weights: speech activity from frame energy, an embedding per
/// one-second window (the mean and spread of its MFCCs, and its median pitch), average-linkage clustering that stops
/// at a distance (or at the number of speakers given), a k-means pass to settle the clusters, and frames labelled by
/// their windows and smoothed. Works for clean speech with turns of a second or more; overlapping speech is given
/// to one speaker, and voices of the same timbre and pitch fall together (see docs/benchmarks.md).
/// </summary>
public static class SpeakerDiarizer
{
    public const int MaxSpeakers = 10;

    /// <summary>
    /// The distance (standardized units) below which windows are first grouped: small enough that no group holds two
    /// speakers, large enough that each speaker's groups are few; the BIC then decides which are one speaker.
    /// </summary>
    private const double GroupingDistance = 4.75;

    private const int Window = 100; // frames: 1 s
    private const int WindowHop = 50;
    private const int MinWindow = 20; // a shorter stretch of speech has no window of its own
    private const int MaxClustered = 600; // windows clustered at most; the rest join the nearest cluster
    private const int MaxGroups = 30; // groups handed to the BIC at most (voices of one speaker make a few each)
    private const int BridgedGap = 20; // silences shorter than this stay inside the speech around them
    private const int MinSpeech = 10;
    private const int MinRun = 30; // a speaker's run shorter than this inside speech takes its neighbours' label
    private const double PitchWeight = 2;

    /// <summary>The BIC's penalty weight (λ): higher merges more readily; set on the evaluation dialogues.</summary>
    private const double BicPenalty = 4;

    public static Diarization Diarize(SpeechFrames frames, int? speakers = null)
    {
        var speech = SpeechActivity(frames.Energy);
        var segments = Runs(speech);
        if (segments.Count == 0)
        {
            return Diarization.OneSpeaker();
        }

        var windows = Windows(segments);
        var globalPitch = Median(Enumerable.Range(0, frames.Count).Where(i => speech[i]).Select(i => frames.Pitch[i]).Where(hz => hz > 0));
        var embeddings = windows.Select(window => Embed(frames, window.Start, window.End, globalPitch)).ToList();
        var (means, deviations) = Statistics(embeddings);
        var standardized = embeddings.Select(embedding => Standardize(embedding, means, deviations)).ToList();

        // Cluster a sample of windows evenly spread over the media, then settle every window on the nearest centre.
        var stride = Math.Max(1, (int)Math.Ceiling(standardized.Count / (double)MaxClustered));
        var sampled = Enumerable.Range(0, standardized.Count).Where(i => i % stride == 0).ToList();
        var wanted = speakers is { } given ? Math.Min(given, sampled.Count) : (int?)null;
        List<double[]> points = [.. sampled.Select(i => standardized[i])];
        var sampleLabels = AverageLinkage.Cluster(points, count: null, GroupingDistance);
        if (wanted is { } least && sampleLabels.Max() + 1 < least)
        {
            sampleLabels = AverageLinkage.Cluster(points, least, 0); // more speakers than the voices' distances suggest
        }
        else if (sampleLabels.Max() + 1 > MaxGroups)
        {
            sampleLabels = AverageLinkage.Cluster(points, MaxGroups, 0); // noise or music: bound the BIC's cubic work
        }

        // The groups become speakers by BIC over their frames' MFCCs (down to the number given, if one was).
        var groupFrames = Enumerable.Range(0, sampleLabels.Max() + 1).Select(_ => new List<float[]>()).ToList();
        for (var s = 0; s < sampled.Count; s++)
        {
            var (start, end) = windows[sampled[s]];
            groupFrames[sampleLabels[s]].AddRange(Enumerable.Range(start, end - start).Select(f => frames.Mfcc[f]));
        }

        var merged = BicMerging.Merge(groupFrames, wanted, BicPenalty);
        var centres = Centres(points, [.. sampleLabels.Select(group => merged[group])]);
        var labels = new int[standardized.Count];
        for (var iteration = 0; iteration < 5; iteration++)
        {
            for (var i = 0; i < standardized.Count; i++)
            {
                labels[i] = Nearest(centres, standardized[i]);
            }

            centres = Centres(standardized, labels, centres);
        }

        // Each speech frame takes the label of the window whose centre is nearest; speech with no window, the nearest centre's.
        var frameLabels = Enumerable.Repeat(-1, frames.Count).ToArray();
        var bestDistance = Enumerable.Repeat(int.MaxValue, frames.Count).ToArray();
        for (var w = 0; w < windows.Count; w++)
        {
            var (start, end) = windows[w];
            var middle = (start + end) / 2;
            for (var f = start; f < end; f++)
            {
                if (Math.Abs(f - middle) < bestDistance[f])
                {
                    bestDistance[f] = Math.Abs(f - middle);
                    frameLabels[f] = labels[w];
                }
            }
        }

        foreach (var (start, end) in segments.Where(segment => Enumerable.Range(segment.Start, segment.End - segment.Start).Any(f => frameLabels[f] < 0)))
        {
            var label = Nearest(centres, Standardize(Embed(frames, start, end, globalPitch), means, deviations));
            for (var f = start; f < end; f++)
            {
                if (frameLabels[f] < 0)
                {
                    frameLabels[f] = label;
                }
            }
        }

        foreach (var (start, end) in segments)
        {
            Smooth(frameLabels, start, end);
        }

        return Labelled(frames, segments, frameLabels);
    }

    /// <summary>Windows over each stretch of speech: long ones in overlapping seconds, short ones whole (the shortest none, unless all are).</summary>
    private static List<(int Start, int End)> Windows(List<(int Start, int End)> segments)
    {
        var windows = new List<(int Start, int End)>();
        foreach (var (start, end) in segments)
        {
            if (end - start < Window)
            {
                if (end - start >= MinWindow)
                {
                    windows.Add((start, end));
                }

                continue;
            }

            for (var at = start; ; at += WindowHop)
            {
                var last = at + Window >= end;
                windows.Add(last ? (end - Window, end) : (at, at + Window));
                if (last)
                {
                    break;
                }
            }
        }

        return windows.Count > 0 ? windows : [.. segments];
    }

    /// <summary>Frames louder than a level between the quiet floor and the loud speech, with short gaps bridged and blips dropped.</summary>
    private static bool[] SpeechActivity(IReadOnlyList<float> energy)
    {
        var sorted = energy.Order().ToArray();
        if (sorted.Length == 0)
        {
            return [];
        }

        var floor = sorted[(int)(sorted.Length * 0.1)];
        var loud = sorted[(int)(sorted.Length * 0.95)];
        if (loud - floor < 3)
        {
            return new bool[energy.Count]; // no louder part to tell apart: no speech, or no silence
        }

        var threshold = floor + (0.35f * (loud - floor));
        var speech = energy.Select(e => e > threshold).ToArray();
        foreach (var (start, end) in Runs(speech.Select(s => !s).ToArray()))
        {
            if (end - start < BridgedGap && start > 0 && end < speech.Length)
            {
                Array.Fill(speech, true, start, end - start);
            }
        }

        foreach (var (start, end) in Runs(speech))
        {
            if (end - start < MinSpeech)
            {
                Array.Fill(speech, false, start, end - start);
            }
        }

        return speech;
    }

    /// <summary>The stretches of true values, as [start, end) frame ranges.</summary>
    private static List<(int Start, int End)> Runs(bool[] values)
    {
        var runs = new List<(int, int)>();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] && (i == 0 || !values[i - 1]))
            {
                var end = i;
                while (end < values.Length && values[end])
                {
                    end++;
                }

                runs.Add((i, end));
            }
        }

        return runs;
    }

    /// <summary>A window's voice: the mean of each MFCC (its timbre), and the log of its median pitch (its register).</summary>
    private static double[] Embed(SpeechFrames frames, int start, int end, double fallbackPitch)
    {
        var dimensions = frames.Mfcc[start].Length;
        var embedding = new double[dimensions + 1];
        var count = end - start;
        for (var f = start; f < end; f++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                embedding[d] += frames.Mfcc[f][d] / (double)count;
            }
        }

        var pitch = Median(Enumerable.Range(start, count).Select(f => frames.Pitch[f]).Where(hz => hz > 0));
        embedding[^1] = Math.Log(pitch > 0 ? pitch : fallbackPitch > 0 ? fallbackPitch : 120);
        return embedding;
    }

    private static (double[] Means, double[] Deviations) Statistics(List<double[]> embeddings)
    {
        var dimensions = embeddings[0].Length;
        var means = new double[dimensions];
        var deviations = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            means[d] = embeddings.Average(e => e[d]);
            deviations[d] = Math.Sqrt(embeddings.Average(e => (e[d] - means[d]) * (e[d] - means[d])));
        }

        return (means, deviations);
    }

    private static double[] Standardize(double[] embedding, double[] means, double[] deviations)
    {
        var standardized = new double[embedding.Length];
        for (var d = 0; d < embedding.Length; d++)
        {
            standardized[d] = deviations[d] > 1e-9 ? (embedding[d] - means[d]) / deviations[d] : 0;
        }

        standardized[^1] *= PitchWeight;
        return standardized;
    }

    private static List<double[]> Centres(List<double[]> points, int[] labels, List<double[]>? previous = null)
    {
        var count = previous?.Count ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
        var centres = new List<double[]>(count);
        for (var c = 0; c < count; c++)
        {
            var members = points.Where((_, i) => labels[i] == c).ToList();
            centres.Add(members.Count == 0
                ? previous![c]
                : [.. Enumerable.Range(0, points[0].Length).Select(d => members.Average(m => m[d]))]);
        }

        return centres;
    }

    private static int Nearest(List<double[]> centres, double[] point)
    {
        var best = 0;
        for (var c = 1; c < centres.Count; c++)
        {
            if (AverageLinkage.Euclidean(centres[c], point) < AverageLinkage.Euclidean(centres[best], point))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Gives runs of a label shorter than <see cref="MinRun"/> inside one stretch of speech the label before them (or after, at its start).</summary>
    private static void Smooth(int[] labels, int start, int end)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var at = start; at < end;)
            {
                var runEnd = at;
                while (runEnd < end && labels[runEnd] == labels[at])
                {
                    runEnd++;
                }

                if (runEnd - at < MinRun && (at > start || runEnd < end))
                {
                    var neighbour = at > start ? labels[at - 1] : labels[runEnd];
                    if (neighbour != labels[at])
                    {
                        Array.Fill(labels, neighbour, at, runEnd - at);
                        changed = true;
                    }
                }

                at = runEnd;
            }
        }
    }

    /// <summary>Turns from the labelled frames, speakers named S1, S2, … in order of first appearance, with their median pitch.</summary>
    private static Diarization Labelled(SpeechFrames frames, List<(int Start, int End)> segments, int[] labels)
    {
        var names = new Dictionary<int, string>();
        var turns = new List<SpeakerTurn>();
        foreach (var (start, end) in segments)
        {
            for (var at = start; at < end;)
            {
                var runEnd = at;
                while (runEnd < end && labels[runEnd] == labels[at])
                {
                    runEnd++;
                }

                if (!names.TryGetValue(labels[at], out var name))
                {
                    names[labels[at]] = name = SpeakerProfile.Label(names.Count);
                }

                turns.Add(new SpeakerTurn(SpeechFrames.TimeOf(at), SpeechFrames.TimeOf(runEnd), name));
                at = runEnd;
            }
        }

        var speakers = names
            .Select(pair => new SpeakerProfile(pair.Value, Math.Round(Median(segments
                .SelectMany(segment => Enumerable.Range(segment.Start, segment.End - segment.Start))
                .Where(f => labels[f] == pair.Key)
                .Select(f => frames.Pitch[f])
                .Where(hz => hz > 0)), 1)))
            .OrderBy(profile => int.Parse(profile.Id[1..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return new Diarization(speakers, turns);
    }

    private static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}
