using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Who may call what. With keys required, every endpoint but the health checks needs a live key, and the operator
/// endpoints (<c>/v1/admin/*</c>, <c>/metrics</c>) an admin key. On an open server anyone may call, but a request that
/// presents a key must present a live one, and one that presents an artifact link a valid one.
/// </summary>
internal sealed class SecurityPolicies(IOptions<AuthOptions> auth, IConfiguration configuration) : IConfigureOptions<AuthorizationOptions>
{
    public const string Admin = "admin";

    public void Configure(AuthorizationOptions options)
    {
        var open = new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true ||
                                         context.Resource is not HttpContext http ||
                                         (http.Request.Headers.Authorization.Count == 0 && !http.Request.Query.ContainsKey(ArtifactLinks.QueryName)))
            .Build();
        if (auth.Value.KeysRequired(configuration["urls"]))
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
            options.AddPolicy(Admin, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(CallerClaims.Admin));
        }
        else
        {
            options.FallbackPolicy = open;
            options.AddPolicy(Admin, open);
        }
    }
}
