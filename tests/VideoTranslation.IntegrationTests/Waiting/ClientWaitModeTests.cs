using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Waiting;

/// <summary>The client's ways of waiting, each against a real server, counting the requests each costs.</summary>
public sealed class ClientWaitModeTests
{
    [Fact]
    public async Task Auto_follows_the_event_stream_the_start_response_links_one_request_beyond_the_start()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.5, maxSeconds: 0.5);
        var (client, counter) = CountingClient(server.BaseAddress, WaitMode.Auto);
        using var _ = client;

        var operation = await client.StartTranslationAsync("en", "es");
        var job = await operation.WaitForCompletionAsync();

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(["POST /translate", $"GET /v1/jobs/{operation.JobId}/events"], counter.Requests);
    }

    [Fact]
    public async Task Long_poll_costs_at_most_two_requests_beyond_the_start()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.5, maxSeconds: 0.5);
        var (client, counter) = CountingClient(server.BaseAddress, WaitMode.LongPoll);
        using var _ = client;

        var operation = await client.StartTranslationAsync("en", "es");
        await operation.WaitForCompletionAsync();

        var gets = counter.Requests.Skip(1).ToList();
        Assert.InRange(gets.Count, 1, 2); // queued -> running may wake it once before the end
        Assert.All(gets, request => Assert.Equal($"GET /v1/jobs/{operation.JobId}", request));
    }

    [Fact]
    public async Task Hinted_polling_follows_the_estimate_instead_of_polling_at_the_shortest_delay()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 1.5, maxSeconds: 1.5);
        var config = TestServer.FastPolling();
        config.WaitMode = WaitMode.HintedPolling;
        config.MinDelay = TimeSpan.FromMilliseconds(50);
        config.MaxDelay = TimeSpan.FromSeconds(3);
        var (client, counter) = CountingClient(server.BaseAddress, config);
        using var _ = client;

        var operation = await client.StartTranslationAsync("en", "es");
        await operation.WaitForCompletionAsync();

        // Polling every 50 ms would take ~30 requests; following the ETA takes a handful.
        Assert.InRange(counter.Requests.Count - 1, 2, 12);
    }

    [Fact]
    public async Task Progress_reports_stage_progress_and_estimate_as_the_job_runs()
    {
        // Long enough for several progress writes (at most four a second) even on a loaded machine.
        await using var server = await TestServer.StartAsync(minSeconds: 2.5, maxSeconds: 2.5);
        using var client = server.CreateClient();
        var operation = await client.StartTranslationAsync("en", "es");
        var seen = new ConcurrentQueue<VideoJob>();

        var job = await client.WaitForVideoJobAsync(operation.JobId, new SynchronousProgress<VideoJob>(seen.Enqueue));

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Contains(seen, update => update is { Status: TranslationJobStatus.Pending, Progress: > 0 and < 1, EtaSeconds: > 0 });
        var progress = seen.Select(update => update.Progress).ToList();
        Assert.Equal(progress.Order(), progress); // never goes backwards
    }

    [Fact]
    public async Task Against_a_seed_only_server_the_client_falls_back_to_jittered_polling()
    {
        await using var seedOnly = await SeedOnlyServer.StartAsync(jobSeconds: 0.6);
        var config = TestServer.FastPolling();
        config.MinDelay = TimeSpan.FromMilliseconds(50);
        config.MaxDelay = TimeSpan.FromMilliseconds(300);
        using var client = new VideoTranslationClient(seedOnly.BaseAddress, config);

        var operation = await client.StartTranslationAsync("en", "es");
        var job = await operation.WaitForCompletionAsync();

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.DoesNotContain(seedOnly.Requests, request => request.Contains("/v1/", StringComparison.Ordinal));
        var gets = seedOnly.Requests.Count(request => request.StartsWith("GET /job/", StringComparison.Ordinal));
        Assert.InRange(gets, 3, 20); // polled, not one held request, and not a flood
        Assert.Equal(1, seedOnly.PreferWaitRequests); // asked once to be held, then stopped asking
    }

    [Fact]
    public async Task A_wait_on_an_event_stream_survives_a_server_restart()
    {
        using var data = new TempDirectory();
        var settings = TestServer.Settings(minSeconds: 2, maxSeconds: 2);
        settings["urls"] = FreePort.NothingListening().AbsoluteUri.TrimEnd('/');
        var first = await TestServer.StartAsync(settings, data.Path);
        using var client = first.CreateClient();
        var operation = await client.StartTranslationAsync("en", "es");
        var waiting = operation.WaitForCompletionAsync();
        await Task.Delay(500);

        await first.DisposeAsync(); // graceful: the job goes back to the queue, the stream drops
        Assert.False(waiting.IsCompleted, waiting.Exception?.ToString());
        await using var second = await TestServer.StartAsync(settings, data.Path);

        var job = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(TranslationJobStatus.Completed, job.Status);
    }

    private static (VideoTranslationClient Client, CountingHandler Counter) CountingClient(Uri server, WaitMode mode)
    {
        var config = TestServer.FastPolling();
        config.WaitMode = mode;
        return CountingClient(server, config);
    }

    private static (VideoTranslationClient Client, CountingHandler Counter) CountingClient(Uri server, TranslationConfig config)
    {
        var counter = new CountingHandler();
        return (new VideoTranslationClient(new HttpClient(counter) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan }, config), counter);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>A server with nothing but the seed API and no hints at all: no Retry-After, no ETag, no long-poll, no links.</summary>
    private sealed class SeedOnlyServer(WebApplication app) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, DateTime> doneAt = new();
        private int preferWaitRequests;

        public ConcurrentQueue<string> Requests { get; } = new();

        public int PreferWaitRequests => preferWaitRequests;

        public Uri BaseAddress => new(app.Urls.Single());

        public static async Task<SeedOnlyServer> StartAsync(double jobSeconds)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new SeedOnlyServer(app);
            app.Use(async (context, next) =>
            {
                server.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
                if (context.Request.Headers.ContainsKey("Prefer"))
                {
                    Interlocked.Increment(ref server.preferWaitRequests);
                }

                await next(context);
            });
            app.MapPost("/translate", async (HttpRequest request) =>
            {
                var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
                var id = body.RootElement.GetProperty("job_id").GetString()!;
                server.doneAt[id] = DateTime.UtcNow.AddSeconds(jobSeconds);
                return Results.Text($$"""{"message":"Translation started","job_id":"{{id}}"}""", "application/json");
            });
            app.MapGet("/job/{id}", (string id) => server.doneAt.TryGetValue(id, out var done)
                ? Results.Text(
                    $$"""{"job_id":"{{id}}","status":"{{(DateTime.UtcNow >= done ? "completed" : "pending")}}","source_language":"en","target_language":"es","created_at":"2026-01-01T00:00:00Z","error_message":null}""",
                    "application/json")
                : Results.NotFound());
            await app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
