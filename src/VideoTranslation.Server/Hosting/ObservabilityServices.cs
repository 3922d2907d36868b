using OpenTelemetry.Metrics;
using VideoTranslation.Server.Observability;

namespace VideoTranslation.Server.Hosting;

internal static class ObservabilityServices
{
    /// <summary>Log scopes with trace ids, the service's metrics for Prometheus, and the readiness check.</summary>
    public static IServiceCollection AddObservability(this IServiceCollection services)
    {
        // Trace ids in log scopes match the trace_id in problem details; span and parent ids are noise here.
        services.Configure<LoggerFactoryOptions>(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);
        services.AddSingleton<ServiceMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServiceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }
}
