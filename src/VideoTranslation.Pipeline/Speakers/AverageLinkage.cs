namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// Agglomerative clustering with average linkage (UPGMA), merging the closest pair of clusters until a stopping rule
/// holds. The Lance-Williams update keeps each merge at O(n²) over a bounded n (the diarizer samples its windows).
/// No package we can use here ships it (MathNet.Numerics and NWaves have no clustering), and it is short.
/// </summary>
public static class AverageLinkage
{
    /// <summary>
    /// Clusters <paramref name="points"/>: merges while more than <paramref name="count"/> clusters remain when a count
    /// is given; otherwise while the closest pair is nearer than <paramref name="threshold"/>. Gives each point's cluster (0…k-1).
    /// </summary>
    public static int[] Cluster(IReadOnlyList<double[]> points, int? count, double threshold)
    {
        var n = points.Count;
        var distance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                distance[i, j] = distance[j, i] = Euclidean(points[i], points[j]);
            }
        }

        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var active = Enumerable.Repeat(true, n).ToArray();
        var clusters = n;
        while (clusters > 1 && (count is not { } wanted || clusters > wanted))
        {
            var (a, b, nearest) = (-1, -1, double.MaxValue);
            for (var i = 0; i < n; i++)
            {
                if (!active[i])
                {
                    continue;
                }

                for (var j = i + 1; j < n; j++)
                {
                    if (active[j] && distance[i, j] < nearest)
                    {
                        (a, b, nearest) = (i, j, distance[i, j]);
                    }
                }
            }

            if (count is null && nearest >= threshold)
            {
                break;
            }

            // Merge b into a: the distance to the union is the size-weighted mean of the distances to its parts.
            double sizeA = members[a].Count, sizeB = members[b].Count;
            for (var k = 0; k < n; k++)
            {
                if (active[k] && k != a && k != b)
                {
                    distance[a, k] = distance[k, a] = ((sizeA * distance[a, k]) + (sizeB * distance[b, k])) / (sizeA + sizeB);
                }
            }

            members[a].AddRange(members[b]);
            active[b] = false;
            clusters--;
        }

        var labels = new int[n];
        var label = 0;
        for (var i = 0; i < n; i++)
        {
            if (active[i])
            {
                foreach (var member in members[i])
                {
                    labels[member] = label;
                }

                label++;
            }
        }

        return labels;
    }

    public static double Euclidean(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }
}
