using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Engines;

/// <summary>The simulated engine's behaviour (the seed server's). Bound from the <c>Simulation</c> configuration section.</summary>
public sealed class SimulationOptions : IValidatableObject
{
    public const string SectionName = "Simulation";

    /// <summary>Shortest simulated job, in seconds.</summary>
    [Range(0, 86_400, ErrorMessage = "Simulation:MinSeconds must be between {1} and {2}.")]
    public double MinSeconds { get; set; } = 5;

    /// <summary>Longest simulated job, in seconds.</summary>
    [Range(0, 86_400, ErrorMessage = "Simulation:MaxSeconds must be between {1} and {2}.")]
    public double MaxSeconds { get; set; } = 15;

    /// <summary>Probability (0 to 1) that a job ends in <c>error</c>.</summary>
    [Range(0, 1, ErrorMessage = "Simulation:ErrorRate must be between {1} and {2}.")]
    public double ErrorRate { get; set; } = 0.05;

    /// <summary>
    /// How durations are drawn: <c>Uniform</c> between the shortest and longest (the seed's), or <c>HeavyTailed</c>:
    /// Pareto with shape 1.5 from the shortest (mean three times it; a few jobs take far longer), capped at the longest.
    /// </summary>
    public SimulatedDurations Distribution { get; set; } = SimulatedDurations.Uniform;

    /// <summary>
    /// The typical (median) duration of a job, in seconds, before <see cref="TimeScale"/>: the best single guess of
    /// when a job ends, which for heavy tails is well below the mean.
    /// </summary>
    public double MedianSeconds => Distribution == SimulatedDurations.HeavyTailed
        ? Math.Min(MaxSeconds, MinSeconds * Math.Pow(2, 1 / ParetoShape))
        : (MinSeconds + MaxSeconds) / 2;

    internal const double ParetoShape = 1.5;

    /// <summary>Draws one job's duration in seconds, before <see cref="TimeScale"/>.</summary>
    public double NextSeconds(Random random) => Distribution == SimulatedDurations.HeavyTailed
        ? Math.Min(MaxSeconds, MinSeconds / Math.Pow(1 - random.NextDouble(), 1 / ParetoShape))
        : MinSeconds + (random.NextDouble() * (MaxSeconds - MinSeconds));

    /// <summary>Multiplies every duration: 0.01 makes a 5-15 s job take 50-150 ms, for tests and benchmarks.</summary>
    [Range(0, 1000, ErrorMessage = "Simulation:TimeScale must be between {1} and {2}.")]
    public double TimeScale { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSeconds < MinSeconds)
        {
            yield return new ValidationResult(
                $"Simulation:MaxSeconds ({MaxSeconds}) must not be less than Simulation:MinSeconds ({MinSeconds}).",
                [nameof(MaxSeconds), nameof(MinSeconds)]);
        }
    }
}

/// <summary>How the simulated engine draws job durations.</summary>
public enum SimulatedDurations
{
    Uniform,
    HeavyTailed,
}
