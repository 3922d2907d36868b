using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

public static class SecurityServiceExtensions
{
    /// <summary>API keys (bearer tokens checked against the job database) and the policies of <see cref="SecurityPolicies"/>.</summary>
    public static IServiceCollection AddVideoTranslationSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ArtifactLinks>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, SecurityPolicies>();
        services.AddSingleton<ServerExposure>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerExposure>());

        services.AddSingleton<PendingJobQuota>();
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((options, limits) =>
        {
            var perMinute = limits.Value.RequestsPerMinute;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst(CallerClaims.KeyId)?.Value is { } key
                    ? RateLimitPartition.GetTokenBucketLimiter(key, _ => limits.Value.TokenBucket())
                    : RateLimitPartition.GetNoLimiter("without a key"));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.ApiProblems.TooManyRequests(
                        Domain.ErrorCodes.RateLimited, $"This key sent more than {perMinute} requests a minute (Limits:RequestsPerMinute); try again in {retryAfter} s.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
