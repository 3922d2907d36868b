using VideoTranslation.Server.Operations;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Hosting;

internal static class WorkerServices
{
    /// <summary>The worker slots that run jobs in this process (<c>Workers:*</c>), and their entry in the operator view.</summary>
    public static IServiceCollection AddJobWorkers(this IServiceCollection services)
    {
        services.AddValidatedOptions<WorkerOptions>(WorkerOptions.SectionName);
        services.AddSingleton<WorkerRegistry>();
        services.AddHostedService<JobWorkerService>();
        return services;
    }
}
