using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.IntegrationTests.Waiting;

namespace VideoTranslation.IntegrationTests.Conformance;

/// <summary>
/// HTTP as RFC 9110 and the SSE specification define it, as caches, download managers and EventSources rely on it:
/// conditional requests, HEAD, ranges, and how an event stream ends. Against one real translated video.
/// </summary>
public sealed class HttpSemanticsTests(HttpSemanticsTests.TranslatedVideo translated) : IClassFixture<HttpSemanticsTests.TranslatedVideo>
{
    private HttpClient Http => translated.Http;

    [Theory]
    [InlineData("/job/{0}")]
    [InlineData("/v1/jobs/{0}")]
    public async Task If_None_Match_is_a_list_compared_weakly_and_star_matches(string path)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, translated.JobId);
        var etag = (await Http.GetAsync(url)).Headers.ETag!;
        var strong = etag.Tag; // the same tag without W/: equal under weak comparison

        foreach (var header in new[] { etag.ToString(), $"\"other\", {etag}", strong, $"W/\"other\",{strong}", "*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("If-None-Match", header);
            using var response = await Http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotModified, $"If-None-Match: {header} gave {(int)response.StatusCode}");
        }

        using var other = new HttpRequestMessage(HttpMethod.Get, url);
        other.Headers.TryAddWithoutValidation("If-None-Match", "W/\"other\", \"another\"");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(other)).StatusCode);
    }

    [Theory]
    [InlineData("/job/{0}")]
    [InlineData("/v1/jobs/{0}")]
    [InlineData("/v1/jobs/{0}/artifacts")]
    [InlineData("/v1/jobs")]
    [InlineData("/v1/capabilities")]
    public async Task HEAD_is_answered_wherever_GET_is_with_the_same_headers_and_no_body(string path)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, translated.JobId);
        using var get = await Http.GetAsync(url);

        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unsatisfiable_range_is_a_problem_with_the_artifacts_length()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{translated.JobId}/artifacts/output.mp4") { Headers = { Range = new RangeHeaderValue(100_000_000, null) } };

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var length = response.Content.Headers.ContentRange?.Length;
        Assert.True(length > 0);
        Assert.Equal("range_not_satisfiable", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(length, (await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, request.RequestUri))).Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Artifacts_carry_validators_and_honour_conditional_requests()
    {
        var url = $"/v1/jobs/{translated.JobId}/artifacts/output.mp4";
        using var whole = await Http.GetAsync(url);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        var etag = whole.Headers.ETag!;
        var lastModified = whole.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak); // strong: If-Range may use it

        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(url, r => r.Headers.IfNoneMatch.Add(etag))).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(url, r => r.Headers.IfModifiedSince = lastModified)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(url, r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-10))).StatusCode);

        // Resuming a download: the part when the tag still holds, the whole file when it does not.
        using var resumed = await SendAsync(url, r =>
        {
            r.Headers.Range = new RangeHeaderValue(100, 199);
            r.Headers.IfRange = new RangeConditionHeaderValue(etag);
        });
        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal(bytes[100..200], await resumed.Content.ReadAsByteArrayAsync());
        using var changed = await SendAsync(url, r =>
        {
            r.Headers.Range = new RangeHeaderValue(100, 199);
            r.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"changed\""));
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(bytes.Length, (await changed.Content.ReadAsByteArrayAsync()).Length);

        // Another artifact has another tag.
        Assert.NotEqual(etag, (await Http.GetAsync($"/v1/jobs/{translated.JobId}/artifacts/es.srt")).Headers.ETag);
    }

    [Fact]
    public async Task A_stream_resumed_after_its_last_event_is_204_so_an_EventSource_stops()
    {
        var version = (await Http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{translated.JobId}")).GetProperty("version").GetInt64();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{translated.JobId}/events");
        request.Headers.Add("Last-Event-ID", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // it used to wait, then ping forever

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Status_events_are_changes_of_status_and_a_job_starting_to_run_is_progress()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 1, maxSeconds: 1);
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http);

        var (events, ended) = await EventStreamReader.ReadAsync(http, jobId, lastEventId: 0); // the whole history, from queued

        Assert.True(ended);
        Assert.Equal("queued", events[0].Data!.Value.GetProperty("stage").GetString());
        var statusEvents = events.Where(e => e.Type == "status").Select(e => e.Status).ToList();
        Assert.Equal(["pending", "completed"], statusEvents);
        Assert.Contains(events, e => e.Type == "progress" && e.Data!.Value.GetProperty("stage").GetString() != "queued");
    }

    private Task<HttpResponseMessage> SendAsync(string url, Action<HttpRequestMessage> conditions)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        conditions(request);
        return Http.SendAsync(request);
    }

    /// <summary>An open server and one finished translation with dubbing, shared by the tests above.</summary>
    public sealed class TranslatedVideo : IAsyncLifetime
    {
        private TestServer server = null!;

        public HttpClient Http { get; private set; } = null!;

        public string JobId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            server = await TestServer.StartAsync();
            Http = server.CreateHttpClient();
            using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
            using var directory = new TempDirectory();
            var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
            var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
            JobId = (await client.WaitForVideoJobAsync(job.Id)).Id;
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await server.DisposeAsync();
        }
    }
}
