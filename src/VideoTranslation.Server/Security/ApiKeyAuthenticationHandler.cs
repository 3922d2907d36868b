using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer vts_…</c> against the stored keys. No header: anonymous (the
/// authorization policy decides whether that is enough), unless the request is an artifact download with a signed
/// link (<see cref="ArtifactLinks"/>), which acts for the key that made it. A header that names no live key, or a
/// link that does not check out: 401, whatever the policy, so neither is ever silently treated as no key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, ArtifactLinks links,
    ServerExposure exposure)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Request.Query[ArtifactLinks.QueryName] is [{ } link] ? await AuthenticateLinkAsync(link) : AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <API key>'.");
        }

        var key = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid: unknown, mistyped or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(CallerClaims.KeyId, key.Id), new Claim(CallerClaims.TenantName, key.Tenant), .. key.Admin ? [new Claim(CallerClaims.Admin, "true")] : Array.Empty<Claim>()],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<AuthenticateResult> AuthenticateLinkAsync(string token)
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ArtifactLinkTarget>() is null ||
            Request.RouteValues["id"] is not string jobId || Request.RouteValues["name"] is not string name)
        {
            return AuthenticateResult.Fail("A link opens only the artifact it was made for (GET /v1/jobs/{id}/artifacts/{name}); elsewhere send an API key.");
        }

        var (check, claims) = await links.ReadAsync(token, jobId, name, Context.RequestAborted);
        switch (check)
        {
            case ArtifactLinkCheck.Invalid:
                return AuthenticateResult.Fail("The link is not valid: altered, cut short, or made for another file. Ask for a new one (POST .../artifacts/{name}/link).");
            case ArtifactLinkCheck.Expired:
                return AuthenticateResult.Fail($"The link expired at {claims.ExpiresAt:u}. Ask for a new one (POST .../artifacts/{{name}}/link).");
        }

        string tenant;
        if (claims.KeyId is { } keyId)
        {
            if (await keys.FindLiveByIdAsync(keyId, Context.RequestAborted) is not { } key)
            {
                return AuthenticateResult.Fail("The API key that made this link has been revoked, and its links with it.");
            }

            tenant = key.Tenant;
        }
        else if (exposure.KeysRequired)
        {
            return AuthenticateResult.Fail("The link was made without an API key, and this server now requires one.");
        }
        else
        {
            tenant = Domain.Tenants.Default;
        }

        // No admin claim, whatever the key: a link reads one file.
        var identity = new ClaimsIdentity(
            [
                new Claim(CallerClaims.TenantName, tenant),
                new Claim(CallerClaims.LinkedJobCreatedAt, claims.JobCreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. claims.KeyId is { } id ? [new Claim(CallerClaims.KeyId, id)] : Array.Empty<Claim>(),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        var linked = Request.Headers.Authorization.Count == 0 && Request.Query.ContainsKey(ArtifactLinks.QueryName);
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, linked ? "The link does not open this" : "An API key is needed",
            failure ?? "This server requires an API key: send 'Authorization: Bearer vts_…' (an operator creates one with 'vts keys create').");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "An admin key is needed",
            "This is an operator endpoint: it needs an admin key ('vts keys create --admin').");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
