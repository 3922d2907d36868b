using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

public static class SecurityServiceExtensions
{
    /// <summary>API keys (bearer tokens checked against the job database) and the policies of <see cref="SecurityPolicies"/>.</summary>
    public static IServiceCollection AddVideoTranslationSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, SecurityPolicies>();
        services.AddHostedService<AuthStartupNotice>();
        return services;
    }
}
