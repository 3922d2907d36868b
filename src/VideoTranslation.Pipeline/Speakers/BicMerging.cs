using MathNet.Numerics.LinearAlgebra;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// Merges clusters of frames while one full-covariance Gaussian explains a pair better than two, by the Bayesian
/// information criterion (Chen and Gopalakrishnan, 1998): the classical stopping rule of speaker clustering. Unlike a
/// fixed distance it allows for each speaker's own spread (a lively voice is not split in two, two steady ones
/// that sit apart are not merged). Clusters are kept as sufficient statistics, so a merge costs nothing.
/// </summary>
public static class BicMerging
{
    /// <summary>
    /// Merges <paramref name="clusters"/> (each a cluster's frames) while the best merge lowers the BIC, or, with
    /// <paramref name="count"/>, until that many remain. Gives each cluster's new index (0…k-1).
    /// </summary>
    public static int[] Merge(IReadOnlyList<IReadOnlyList<float[]>> clusters, int? count, double penalty)
    {
        var models = clusters.Select(Gaussian.Of).ToList();
        var groups = Enumerable.Range(0, clusters.Count).Select(i => new List<int> { i }).ToList();
        while (models.Count > 1 && (count is not { } wanted || models.Count > wanted))
        {
            var (a, b, best) = (-1, -1, double.MaxValue);
            for (var i = 0; i < models.Count; i++)
            {
                for (var j = i + 1; j < models.Count; j++)
                {
                    var delta = DeltaBic(models[i], models[j], penalty);
                    if (delta < best)
                    {
                        (a, b, best) = (i, j, delta);
                    }
                }
            }

            if (count is null && best >= 0)
            {
                break;
            }

            models[a] = models[a].With(models[b]);
            groups[a].AddRange(groups[b]);
            models.RemoveAt(b);
            groups.RemoveAt(b);
        }

        var merged = new int[clusters.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            groups[g].ForEach(cluster => merged[cluster] = g);
        }

        return merged;
    }

    /// <summary>How much the BIC changes by modelling both clusters as one: negative when one model is the better account.</summary>
    private static double DeltaBic(Gaussian first, Gaussian second, double penalty)
    {
        var both = first.With(second);
        var d = first.Dimensions;
        var parameters = d + (d * (d + 1) / 2.0);
        return (0.5 * ((both.Count * both.LogDeterminant()) - (first.Count * first.LogDeterminant()) - (second.Count * second.LogDeterminant())))
            - (penalty * 0.5 * parameters * Math.Log(both.Count));
    }

    /// <summary>A cluster's frames as count, sum and sum of outer products: enough for its mean and covariance.</summary>
    private sealed record Gaussian(double Count, Vector<double> Sum, Matrix<double> Products)
    {
        public int Dimensions => Sum.Count;

        public static Gaussian Of(IReadOnlyList<float[]> frames)
        {
            var d = frames[0].Length;
            var sum = Vector<double>.Build.Dense(d);
            var products = Matrix<double>.Build.Dense(d, d);
            foreach (var frame in frames)
            {
                var x = Vector<double>.Build.Dense(d, i => frame[i]);
                sum.Add(x, sum);
                products.Add(x.OuterProduct(x), products);
            }

            return new Gaussian(frames.Count, sum, products);
        }

        public Gaussian With(Gaussian other) => new(Count + other.Count, Sum + other.Sum, Products + other.Products);

        public double LogDeterminant()
        {
            var mean = Sum / Count;
            var covariance = (Products / Count) - mean.OuterProduct(mean);
            // A small ridge keeps a cluster of near-identical frames (digital silence at its edges) invertible.
            return covariance.Add(Matrix<double>.Build.DenseIdentity(Dimensions) * 1e-6).Cholesky().DeterminantLn;
        }
    }
}
