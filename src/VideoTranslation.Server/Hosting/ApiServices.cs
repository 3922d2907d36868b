using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Api.Webhooks;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Hosting;

internal static class ApiServices
{
    /// <summary>The HTTP API: its limits, the services behind its handlers, its JSON, problem details, request logging and OpenAPI document.</summary>
    public static IServiceCollection AddVideoTranslationApi(this IServiceCollection services)
    {
        // Every request body is capped; the upload endpoint raises its own to Api:MaxUploadBytes, the seed's is 16 KiB.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = ApiOptions.MaxOtherRequestBodyBytes);
        services.AddValidatedOptions<ApiOptions>(ApiOptions.SectionName);
        services.AddSingleton<ArtifactCatalog>();
        services.AddSingleton<JobSpeakers>();
        services.AddSingleton<JobResources>();
        services.AddSingleton<JobWaiter>();
        services.AddSingleton<JobEventStream>();
        services.AddSingleton<IWebhookBodyWriter, WebhookBodyWriter>();
        services.AddSingleton<VideoJobValidator>();
        services.AddSingleton<JobSubmissions>();
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
        services.AddExceptionHandler<UnhandledExceptionHandler>(); // last: whatever the others did not take

        services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                                    HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });

        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<ApiDocument>().AddOperationTransformer<ApiDocument>().AddSchemaTransformer<ApiDocument>());
        return services;
    }
}
