using System.Collections.Concurrent;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Records every request a client sends ("METHOD /path"), to count what a way of waiting costs.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<string> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
