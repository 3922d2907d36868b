namespace VideoTranslation.Client;

/// <summary>
/// The pause before each status request while a job runs: constant <see cref="TranslationConfig.MinDelay"/>, or,
/// with <see cref="TranslationConfig.ProgressiveDelay"/>, growing geometrically from it up to
/// <see cref="TranslationConfig.MaxDelay"/> (0.5, 0.75, 1.125, ... 3 s with the defaults): eager for short jobs,
/// light on the server for long ones.
/// </summary>
public sealed class PollingDelaySchedule(TranslationConfig config)
{
    /// <summary>The pause after <paramref name="pollsSoFar"/> status requests (0 for the first pause).</summary>
    public TimeSpan GetDelay(int pollsSoFar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pollsSoFar);
        if (!config.ProgressiveDelay)
        {
            return config.MinDelay;
        }

        var grown = config.MinDelay.TotalSeconds * Math.Pow(config.DelayGrowthFactor, pollsSoFar);
        return grown >= config.MaxDelay.TotalSeconds ? config.MaxDelay : TimeSpan.FromSeconds(grown);
    }
}
