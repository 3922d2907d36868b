using Microsoft.AspNetCore.Routing;
using VideoTranslation.Server.Security;

namespace VideoTranslation.Server.Api;

/// <summary>
/// HEAD wherever GET is served (RFC 9110 §9.1): the same handler, the same status and headers, and Kestrel sends no body
/// for a HEAD. One convention on the group every API endpoint is mapped in, so no endpoint can forget it. Event streams
/// are left out: their answer never ends, and a HEAD must.
/// </summary>
internal static class HeadRequests
{
    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods &&
                methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head) &&
                !endpoint.Metadata.Contains(WaitingEndpoint.Always))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }
}
