using VideoTranslation.Domain;

namespace VideoTranslation.Server.Security;

/// <summary>Who is calling: the claims an API key gives a request, and the tenant a request acts for.</summary>
public static class CallerClaims
{
    public const string KeyId = "vts:key";
    public const string TenantName = "vts:tenant";
    public const string Admin = "vts:admin";

    /// <summary>On a request opened by a signed artifact link: the creation time (unix ms) of the job the link was made for.</summary>
    public const string LinkedJobCreatedAt = "vts:link-job-created";

    /// <summary>The tenant the request acts for: its key's, or <see cref="Tenants.Default"/> on an open server without one.</summary>
    public static string Tenant(this HttpContext context) => context.User.FindFirst(TenantName)?.Value ?? Tenants.Default;
}
