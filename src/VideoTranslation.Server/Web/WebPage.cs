using Microsoft.Extensions.FileProviders;

namespace VideoTranslation.Server.Web;

/// <summary>
/// The web page at <c>/</c>: plain HTML, CSS and JavaScript embedded in this assembly (no build step, no CDN). It is
/// only a client of the public API, so it holds no data itself and is served to anyone; what it shows comes
/// from API calls made with the visitor's key, where the server requires one.
/// </summary>
public static class WebPage
{
    /// <summary>Where the page's scripts and styles are served from.</summary>
    public const string AssetsPath = "/app";

    private static readonly ManifestEmbeddedFileProvider Assets = new(typeof(WebPage).Assembly, "Web/Assets");

    // Everything the page loads is its own: scripts and styles from here, media from the API (plain or signed artifact
    // links). Nothing inline, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Serves the page's assets; before authentication, as they are the same for everyone.</summary>
    public static IApplicationBuilder UseWebPageAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = AssetsPath,
            OnPrepareResponse = context => AddHeaders(context.Context.Response),
        });

    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            AddHeaders(context.Response);
            return TypedResults.Stream(Assets.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8");
        }).AllowAnonymous().DisableRateLimiting().ExcludeFromDescription();
        return endpoints;
    }

    private static void AddHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";

        // Revalidated on every load (ETag), so a server upgrade is never mixed with an old script.
        response.Headers.CacheControl = "no-cache";
    }
}
