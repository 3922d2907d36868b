using System.Net;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Keeps web pages from driving a server that needs no keys. Such a server trusts whoever reaches its loopback port, and
/// a browser reaches it on any page's behalf: through DNS rebinding (a page's own name re-pointed at 127.0.0.1, so the
/// browser lets it read the answers: jobs, artifacts, the webhook secret) and through cross-origin form posts and fetches
/// that change state (start jobs, rotate the secret). So while keys are not required, a request must be addressed to a
/// loopback name (<c>Host</c>), and a state-changing one must not come from another origin (<c>Sec-Fetch-Site</c>,
/// <c>Origin</c>). The server's own web page is same-origin and the CLI and client library send neither header.
/// </summary>
internal sealed class OpenServerGuard(RequestDelegate next, ServerExposure exposure)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (exposure.KeysRequired)
        {
            return next(context); // each request proves itself with a key, whatever page it came from
        }

        var request = context.Request;
        if (!IsLoopbackName(request.Host.Host))
        {
            return ApiProblems.WithCode(StatusCodes.Status403Forbidden, ErrorCodes.HostNotAllowed, "The request is not addressed to this server",
                $"This server needs no API key, so it answers only requests addressed to it by a loopback name (localhost, 127.0.0.1, [::1]), not '{ApiProblems.Echo(request.Host.Value ?? "")}'. " +
                "To serve other names, require keys (Auth:Mode=required) or listen on a non-loopback address.").ExecuteAsync(context);
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method) && IsCrossOrigin(request))
        {
            return ApiProblems.WithCode(StatusCodes.Status403Forbidden, ErrorCodes.CrossOrigin, "Requests from other sites are refused",
                "This server needs no API key, so it accepts changes only from its own web page and from programs, never from another site's page.").ExecuteAsync(context);
        }

        return next(context);
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>A browser says where a request comes from: <c>Sec-Fetch-Site</c> (current browsers), else <c>Origin</c> against this server's own.</summary>
    private static bool IsCrossOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return site is not ("same-origin" or "none");
        }

        return request.Headers.Origin.ToString() is { Length: > 0 } origin &&
               !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
