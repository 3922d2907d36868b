using System.Net;
using System.Net.Http.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Waiting;

/// <summary>GET /v1/jobs/{id}/events on the real server: every change once, in order, resumable.</summary>
public sealed class EventStreamTests
{
    [Fact]
    public async Task A_stream_carries_each_change_in_order_and_ends_after_the_last()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 1, maxSeconds: 1);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        var (events, ended) = await EventStreamReader.ReadAsync(http, jobId);

        Assert.True(ended, "the stream ends after the terminal event");
        Assert.Equal("status", events[0].Type);
        Assert.Equal("pending", events[0].Status);
        Assert.Equal("status", events[^1].Type);
        Assert.Equal("completed", events[^1].Status);
        Assert.Contains(events, e => e.Type == "progress" && e.Data!.Value.GetProperty("progress").GetDouble() is > 0 and < 1);
        var ids = events.Select(e => e.Id!.Value).ToList();
        Assert.Equal(Enumerable.Range((int)ids[0], ids.Count).Select(i => (long)i), ids); // consecutive: nothing skipped
        Assert.Equal(ids[^1], events[^1].Data!.Value.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_reconnect_with_last_event_id_loses_and_repeats_nothing()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 3, maxSeconds: 3);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        var (first, _) = await EventStreamReader.ReadAsync(http, jobId, max: 3);
        await Task.Delay(400); // changes happen while the client is away
        // On a starved machine the job may even have finished with those three: the resumed stream is then 204, empty.
        var (rest, ended) = await EventStreamReader.ReadAsync(http, jobId, lastEventId: first[^1].Id);

        Assert.True(ended);
        var seen = first.Concat(rest).ToList();
        var (history, _) = await EventStreamReader.ReadAsync(http, jobId, lastEventId: first[0].Id - 1);
        Assert.Equal(history.Select(e => e.Id!.Value), seen.Select(e => e.Id!.Value));
        Assert.Equal("completed", seen[^1].Status);
    }

    [Fact]
    public async Task A_finished_job_streams_its_final_state_once()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);
        await server.CreateClient().WaitForCompletionAsync(jobId);

        var (events, ended) = await EventStreamReader.ReadAsync(http, jobId);

        Assert.True(ended);
        Assert.Equal("completed", Assert.Single(events).Status);
    }

    [Fact]
    public async Task Unknown_jobs_and_malformed_last_event_ids_are_problems()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        await JsonAssert.IsProblemAsync(await http.GetAsync("/v1/jobs/no-such-job/events"), HttpStatusCode.NotFound);

        var jobId = await StartSeedJobAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        request.Headers.Add("Last-Event-ID", "yesterday");
        var problem = await JsonAssert.IsProblemAsync(await http.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("Last-Event-ID", problem.Detail(), StringComparison.Ordinal);
    }

    internal static async Task<string> StartSeedJobAsync(HttpClient http, string? callbackUrl = null)
    {
        var response = await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es", callback_url = callbackUrl });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetString()!;
    }
}
