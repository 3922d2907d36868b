using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>Long-poll, ETag/If-None-Match and Retry-After on the seed and v1 job endpoints.</summary>
public sealed class WaitingTests : IDisposable
{
    private readonly TempDirectory media = new();

    public void Dispose() => media.Dispose();

    [Fact]
    public async Task A_seed_long_poll_returns_when_the_job_finishes_in_one_request()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.5, maxSeconds: 0.5);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        // Thirty seconds allowed, the job takes half a second: a "completed" answer can only come from the change.
        var job = await http.GetFromJsonAsync<JsonElement>($"/job/{jobId}?wait=30");

        Assert.Equal("completed", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_v1_long_poll_returns_at_each_stage_change()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Good morning everyone.", seconds: 4);
        using var form = UploadForm.Create(video, ("target_languages", "es"));
        var location = (await http.PostAsync("/v1/jobs", form)).Headers.Location!.ToString();

        var seen = new List<string>();
        for (var polls = 0; polls < 20; polls++)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"{location}?wait=30");
            seen.Add($"{job.GetProperty("status").GetString()}/{job.GetProperty("stage").GetString()}");
            if (job.GetProperty("status").GetString() != "pending")
            {
                break;
            }
        }

        Assert.Equal("completed/done", seen[^1]);
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second)); // each answer was a change
    }

    [Fact]
    public async Task Prefer_wait_is_honoured_capped_and_echoed()
    {
        var settings = TestServer.Settings(minSeconds: 60, maxSeconds: 60);
        settings["Api:MaxWaitSeconds"] = "0.5";
        await using var server = await TestServer.StartAsync(settings);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/job/{jobId}");
        request.Headers.Add("Prefer", "respond-async, wait=100");
        var response = await http.SendAsync(request);

        Assert.Equal("wait=0.5", response.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal("pending", (await response.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single()); // a 60 s job: look again at most 30 s on
    }

    [Fact]
    public async Task An_unchanged_job_answers_304_to_if_none_match()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.05, maxSeconds: 0.05);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);
        var finished = await http.GetAsync($"/job/{jobId}?wait=30");
        var etag = finished.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/job/{jobId}");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
    }

    [Fact]
    public async Task A_long_poll_with_if_none_match_waits_for_a_version_newer_than_the_clients()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.5, maxSeconds: 0.5);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);
        var pending = await http.GetAsync($"/job/{jobId}");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/job/{jobId}?wait=30");
        request.Headers.IfNoneMatch.Add(pending.Headers.ETag!);
        var changed = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(pending.Headers.ETag, changed.Headers.ETag);
    }

    [Theory]
    [InlineData("?wait=-1")]
    [InlineData("?wait=soon")]
    [InlineData("?wait=NaN")]
    public async Task A_wait_that_is_not_seconds_is_400(string query)
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        var problem = await JsonAssert.IsProblemAsync(await http.GetAsync($"/job/{jobId}{query}"), HttpStatusCode.BadRequest);
        Assert.Contains("wait must be a number of seconds", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_uploads_say_when_to_look_again()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Hello.", seconds: 2);
        using var form = UploadForm.Create(video, ("target_languages", "es"));

        var response = await http.PostAsync("/v1/jobs", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 30);
        Assert.NotNull(response.Headers.ETag);
    }

    private static async Task<string> StartSeedJobAsync(HttpClient http) =>
        (await (await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es" })).ReadJsonAsync()).GetProperty("job_id").GetString()!;

    [Fact]
    public async Task A_seed_job_is_also_a_v1_job()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.05, maxSeconds: 0.05);
        using var http = server.CreateHttpClient();
        var jobId = await StartSeedJobAsync(http);

        var job = await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}?wait=30");

        Assert.Equal(("completed", "done"), (job.GetProperty("status").GetString(), job.GetProperty("stage").GetString()));
        Assert.Equal(("en", "es"), (job.GetProperty("source_language").GetString(), job.GetProperty("target_languages")[0].GetString()));
    }
}
