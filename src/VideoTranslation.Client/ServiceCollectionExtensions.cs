using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoTranslation.Client;

/// <summary>Registration of the client in a dependency-injection container.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="VideoTranslationClient"/> as a typed client on <c>IHttpClientFactory</c>, so its
    /// connections are pooled and recycled by the factory. Returns the builder to add handlers.
    /// </summary>
    public static IHttpClientBuilder AddVideoTranslationClient(
        this IServiceCollection services, Uri baseAddress, Action<TranslationConfig>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var config = new TranslationConfig();
        configure?.Invoke(config);
        config.Validate();

        return services
            .AddHttpClient(nameof(VideoTranslationClient), http => http.BaseAddress = baseAddress)
            .AddTypedClient((http, provider) =>
                new VideoTranslationClient(http, config, provider.GetService<ILogger<VideoTranslationClient>>()));
    }
}
