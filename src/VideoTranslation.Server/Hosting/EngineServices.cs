using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Editing;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.Server.Hosting;

internal static class EngineServices
{
    /// <summary>What does a job's work: the translation pipeline with the engines <c>Engines:*</c> chooses, the seed's simulated engine, and the time estimates.</summary>
    public static IServiceCollection AddJobEngines(this IServiceCollection services)
    {
        services.AddTranslationPipeline();
        services.AddValidatedOptions<ToolsOptions>(ToolsOptions.SectionName);
        services.AddValidatedOptions<MediaLimitOptions>(MediaLimitOptions.SectionName);
        services.AddValidatedOptions<DubbingOptions>(DubbingOptions.SectionName);
        services.AddValidatedOptions<SimulationOptions>(SimulationOptions.SectionName);
        services.AddSingleton<SimulatedTranslationEngine>();
        services.AddSingleton<CueTrackStore>();
        services.AddSingleton<VideoTranslationEngine>();
        services.AddSingleton<ITranslationEngine, JobEngineRouter>();
        services.AddSingleton<StageSpeeds>();
        services.AddSingleton<EtaEstimator>();
        services.AddHostedService<ToolLimitsInitializer>();
        return services;
    }
}
