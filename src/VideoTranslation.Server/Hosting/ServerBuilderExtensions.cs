using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;
using VideoTranslation.Pipeline.OpenAi;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;
using VideoTranslation.Server.Api;
using VideoTranslation.Server.Api.Capabilities;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.Operations;
using VideoTranslation.Server.Api.Seed;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Api.Webhooks;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Observability;
using VideoTranslation.Server.Operations;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;
using VideoTranslation.Server.Web;
using VideoTranslation.Server.Webhooks;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Hosting;

public static class ServerBuilderExtensions
{
    /// <summary>Registers everything the server needs: options, the job store and queue, the engine, workers, and API plumbing.</summary>
    public static IHostApplicationBuilder AddVideoTranslationServer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Trace ids in log scopes match the trace_id in problem details; span and parent ids are noise here.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId);

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessInstance>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobChanges>();
        services.AddSingleton<JobCancellations>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IJobDatabase>(sp => JobDatabase.Create(sp));
        services.AddSingleton<SqlJobStore>();
        services.AddSingleton<IJobRepository>(sp => sp.GetRequiredService<SqlJobStore>());
        services.AddSingleton<IJobQueue>(sp => sp.GetRequiredService<SqlJobStore>());
        // Every request body is capped; the upload endpoint raises its own to Api:MaxUploadBytes, the seed's is 16 KiB.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = ApiOptions.MaxOtherRequestBodyBytes);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobFiles>();
        services.AddOptions<ArtifactStoreOptions>().BindConfiguration(ArtifactStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value.Store == "s3"
            ? ActivatorUtilities.CreateInstance<S3ArtifactStore>(sp)
            : ActivatorUtilities.CreateInstance<DirectoryArtifactStore>(sp));
        services.AddSingleton<StageSpeeds>();
        services.AddSingleton<EtaEstimator>();
        services.AddSingleton<ArtifactCatalog>();
        services.AddSingleton<JobWaiter>();
        services.AddSingleton<JobResources>();
        services.AddSingleton<JobEventStream>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqlWebhookStore>();
        services.AddSingleton<IWebhookBodyWriter, WebhookBodyWriter>();
        services.AddSingleton<ServerSettings>();
        services.AddSingleton<WorkerRegistry>();
        services.AddVideoTranslationSecurity();
        services.AddSingleton<WebhookSecret>();

        // Webhook receivers are other people's servers: no redirects followed (a redirect is a failed attempt), no cookies.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // per attempt: Webhooks:Timeout
                http.DefaultRequestHeaders.UserAgent.ParseAdd("VideoTranslation-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks ? null : NetworkPolicy.ConnectPublicAsync,
            });
        services.AddSingleton<VideoJobRequest>();
        services.AddSingleton<SourceDownloader>();
        services.AddHttpClient(SourceDownloader.HttpClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan; // Api:SourceDownloadTimeout, for the whole download
                http.DefaultRequestHeaders.UserAgent.ParseAdd("VideoTranslation-Sources/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // each hop is checked by SourceDownloader
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<IOptions<ApiOptions>>().Value.AllowPrivateSourceUrls ? null : NetworkPolicy.ConnectPublicAsync,
            });
        services.AddSingleton<SimulatedTranslationEngine>();
        services.AddSingleton<VideoTranslationEngine>();
        services.AddSingleton<ITranslationEngine, JobEngineRouter>();
        services.AddOptions<MediaLimitOptions>().BindConfiguration(MediaLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DubbingOptions>().BindConfiguration(DubbingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddTranslationPipeline();

        services.AddOptions<ToolsOptions>().BindConfiguration(ToolsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Order matters: tool limits and the schema are in place before any worker looks for jobs.
        services.AddHostedService<ToolLimitsInitializer>();
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<JobWorkerService>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<PostgresListener>(); // idle on SQLite
        services.AddHostedService<OrphanedUploadSweeper>();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        // Binding failures throw so BadRequestExceptionHandler can say what was wrong (by default only Development does).
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDetailDefaults.Apply);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

        services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                                    HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });

        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiDocument>().AddOperationTransformer<ApiDocument>().AddSchemaTransformer<ApiDocument>());

        services.AddSingleton<ServiceMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ServiceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return builder;
    }

    /// <summary>The middleware pipeline and every endpoint.</summary>
    public static WebApplication UseVideoTranslationServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpLogging();
        app.UseMiddleware<OpenServerGuard>();
        app.UseWebPageAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<WaiterLimitMiddleware>();

        var api = app.MapGroup("").AnswerHeadLikeGet();
        api.MapSeedApi();
        api.MapJobsApi();
        api.MapCapabilitiesApi();
        api.MapOperationsApi();
        api.MapWebhooksApi();
        api.MapOperationsEndpoints();
        api.MapWebPage();

        // The API described (OpenAPI 3.1, generated from the endpoints) and an interactive reference page for it.
        app.MapOpenApi().AllowAnonymous().DisableRateLimiting();
        app.MapScalarApiReference("/docs", reference => reference.WithTitle("VideoTranslation API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    /// <summary>What orchestrators and monitoring read, on API nodes and on workers that listen for it.</summary>
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Alive: the process answers (no checks). Ready: the database, the data directory and the artifact store work.
        endpoints.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(SecurityPolicies.Admin);
        endpoints.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous();
        return endpoints;
    }
}
