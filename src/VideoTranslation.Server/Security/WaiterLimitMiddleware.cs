using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Caps the long-polls (<c>?wait=</c>, <c>Prefer: wait=</c>) and event streams (<c>/events</c>) one API key holds
/// open at once (<see cref="LimitOptions.MaxWaiters"/>): each is cheap, but not free, and a key must not be able to
/// hold all of a server's connections. The endpoints that can wait carry <see cref="WaitingEndpoint"/>.
/// </summary>
internal sealed class WaiterLimitMiddleware(RequestDelegate next, IOptions<LimitOptions> limits)
{
    private readonly ConcurrentDictionary<string, int> open = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.FindFirst(CallerClaims.KeyId)?.Value is not { } key ||
            context.GetEndpoint()?.Metadata.GetMetadata<WaitingEndpoint>()?.Holds(context.Request) != true)
        {
            await next(context);
            return;
        }

        if (open.AddOrUpdate(key, 1, (_, count) => count + 1) > limits.Value.MaxWaiters)
        {
            Leave(key);
            context.Response.Headers.RetryAfter = "5";
            await ApiProblems.TooManyRequests(ErrorCodes.TooManyWaiters, $"This key already holds {limits.Value.MaxWaiters} long-polls or event streams open (Limits:MaxWaiters); close one, or poll without waiting.")
                .ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Leave(key);
        }
    }

    private void Leave(string key)
    {
        if (open.AddOrUpdate(key, 0, (_, count) => count - 1) <= 0)
        {
            open.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }
}
