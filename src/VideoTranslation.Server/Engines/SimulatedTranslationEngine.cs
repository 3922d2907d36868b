using System.Globalization;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// The seed server's engine: each job takes a random time between a minimum and a maximum and fails with a
/// configured probability. For testing clients; it translates nothing.
/// </summary>
internal sealed class SimulatedTranslationEngine(IOptionsMonitor<SimulationOptions> options, TimeProvider clock) : ITranslationEngine
{
    public async Task TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var seconds = settings.MinSeconds + (Random.Shared.NextDouble() * (settings.MaxSeconds - settings.MinSeconds));
        await Task.Delay(TimeSpan.FromSeconds(seconds * settings.TimeScale), clock, cancellationToken);

        if (Random.Shared.NextDouble() < settings.ErrorRate)
        {
            throw new JobFailedException(string.Create(
                CultureInfo.InvariantCulture,
                $"Simulated failure: translating {job.Languages.Source} to {job.Languages.Target} failed after {seconds:0.0} s (the simulated engine fails {settings.ErrorRate * 100:0.#}% of jobs)."));
        }
    }
}
