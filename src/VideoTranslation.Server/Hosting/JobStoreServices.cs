using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Hosting;

internal static class JobStoreServices
{
    /// <summary>The job database (SQLite or PostgreSQL), its jobs table as the queue, and the signals that wake waiters, workers and webhooks.</summary>
    public static IServiceCollection AddJobStore(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessInstance>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobChanges>();
        services.AddSingleton<JobCache>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IJobDatabase>(sp => JobDatabase.Create(sp));
        services.AddSingleton<SqlJobStore>();
        services.AddSingleton<IJobRepository>(sp => sp.GetRequiredService<SqlJobStore>());
        services.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<SqlJobStore>());
        services.AddSingleton<ServerSettings>();
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<PostgresListener>(); // idle on SQLite
        return services;
    }
}
