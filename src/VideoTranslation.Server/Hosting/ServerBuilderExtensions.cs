using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using VideoTranslation.Server.Api;
using VideoTranslation.Server.Api.Capabilities;
using VideoTranslation.Server.Api.Operations;
using VideoTranslation.Server.Api.Seed;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Api.Webhooks;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Web;

namespace VideoTranslation.Server.Hosting;

public static class ServerBuilderExtensions
{
    /// <summary>
    /// Registers everything the server needs, area by area. The order is the order hosted services start in: the
    /// server's exposure is known, tool limits and the schema are in place before any worker looks for jobs.
    /// </summary>
    public static IHostApplicationBuilder AddVideoTranslationServer(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddObservability()
            .AddVideoTranslationSecurity()
            .AddJobEngines()
            .AddJobStore()
            .AddArtifactStore()
            .AddJobWorkers()
            .AddWebhooks()
            .AddVideoTranslationApi();
        return builder;
    }

    /// <summary>The middleware pipeline and every endpoint.</summary>
    public static WebApplication UseVideoTranslationServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.LogRequests)
        {
            app.UseHttpLogging(); // only when asked for: nothing runs per request for a log nobody reads
        }

        app.UseMiddleware<OpenServerGuard>();
        app.UseWebPageAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<WaiterLimitMiddleware>();

        var api = app.MapGroup("").AnswerHeadLikeGet();
        api.MapSeedApi();
        api.MapJobsApi();
        api.MapCuesApi();
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
