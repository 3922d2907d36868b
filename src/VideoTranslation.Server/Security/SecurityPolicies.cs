using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Who may call what. With keys required (<see cref="ServerExposure"/>), every endpoint but the health checks needs a
/// live key, and the operator endpoints (<c>/v1/admin/*</c>, <c>/metrics</c>) an admin key. On an open server anyone may
/// call, but a request that presents a key must present a live one, and one that presents an artifact link a valid
/// one. Decided per request, because whether keys are required is known only once the server has bound its addresses.
/// </summary>
internal sealed class SecurityPolicies : IConfigureOptions<AuthorizationOptions>
{
    public const string Admin = "admin";

    public void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = Policy(admin: false);
        options.AddPolicy(Admin, Policy(admin: true));
    }

    private static AuthorizationPolicy Policy(bool admin) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAssertion(context => Allows(context, admin)).Build();

    private static bool Allows(AuthorizationHandlerContext context, bool admin)
    {
        if (context.Resource is not HttpContext http || http.RequestServices.GetRequiredService<ServerExposure>().KeysRequired)
        {
            return context.User.Identity?.IsAuthenticated == true && (!admin || context.User.HasClaim(claim => claim.Type == CallerClaims.Admin));
        }

        return context.User.Identity?.IsAuthenticated == true ||
               (http.Request.Headers.Authorization.Count == 0 && !http.Request.Query.ContainsKey(ArtifactLinks.QueryName));
    }
}
