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

    /// <summary>
    /// Whether the request may see <paramref name="job"/>: it is the request's tenant's and, for a request opened by an
    /// artifact link, the very job the link was made for (a seed id can be used again after a delete).
    /// </summary>
    public static bool MaySee(this HttpContext context, TranslationJob job) =>
        job.Tenant == context.Tenant() &&
        (context.User.FindFirst(LinkedJobCreatedAt)?.Value is not { } linked ||
         linked == job.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
}
