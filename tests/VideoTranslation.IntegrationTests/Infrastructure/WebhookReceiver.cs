using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>A real HTTP endpoint that receives webhooks, failing the first few on purpose, and records each one.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        this.app = app;
        failuresLeft = failFirst;
    }

    public sealed record Received(string Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith);

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url => new(new Uri(app.Urls.Single()), "/hooks/video");

    /// <summary>Starts listening on <paramref name="url"/> (a free loopback port if null); the first <paramref name="failFirst"/> requests get 500.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0, Uri? url = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url?.GetLeftPart(UriPartial.Authority) ?? "http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/hooks/video", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var status = Interlocked.Decrement(ref receiver.failuresLeft) >= 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
            receiver.Requests.Enqueue(new Received(body, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived.</summary>
    public async Task<Received[]> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(Requests.Count >= count, $"expected {count} webhook requests, got {Requests.Count}");
        return [.. Requests];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
