using Microsoft.Extensions.Options;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Hosting;

internal static class WebhookServices
{
    /// <summary>Signed webhooks: the delivery store, the tenants' secrets, the dispatcher, and its HTTP client to the receivers.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebhookOptions>(WebhookOptions.SectionName);
        services.AddSingleton<SqlWebhookStore>();
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
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
