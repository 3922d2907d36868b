using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Security;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>Per-key limits against the real server: request rate, pending jobs, open waits, and media length.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_key_over_its_request_rate_gets_429_with_retry_after_and_other_keys_do_not()
    {
        await using var server = await StartAsync(("Limits:RequestsPerMinute", "5"));
        using var busy = await HttpForNewKeyAsync(server, "acme");
        using var calm = await HttpForNewKeyAsync(server, "globex");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await busy.GetAsync("/v1/jobs")).StatusCode);
        }

        using var refused = await busy.GetAsync("/v1/jobs");
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Limits:RequestsPerMinute", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_at_its_pending_job_limit_gets_429_for_one_more()
    {
        await using var server = await StartAsync(("Limits:MaxPendingJobs", "2"), ("Simulation:MinSeconds", "60"), ("Simulation:MaxSeconds", "60"));
        using var acme = await HttpForNewKeyAsync(server, "acme");
        using var globex = await HttpForNewKeyAsync(server, "globex");

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await StartAsync(acme)).StatusCode);
        }

        using var refused = await StartAsync(acme);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(2, (await acme.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await StartAsync(globex)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_submissions_cannot_pass_the_pending_job_limit()
    {
        await using var server = await StartAsync(("Limits:MaxPendingJobs", "2"), ("Simulation:MinSeconds", "60"), ("Simulation:MaxSeconds", "60"));
        using var acme = await HttpForNewKeyAsync(server, "acme");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => StartAsync(acme)));

        Assert.Equal(2, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10, refused.Count);
        Assert.All(await Task.WhenAll(refused.Select(response => response.Content.ReadFromJsonAsync<JsonElement>())),
            problem => Assert.Equal("too_many_pending_jobs", problem.GetProperty("code").GetString()));
        Assert.Equal(2, (await acme.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public async Task A_key_holding_its_limit_of_open_waits_gets_429_for_one_more()
    {
        await using var server = await StartAsync(("Limits:MaxWaiters", "1"), ("Simulation:MinSeconds", "60"), ("Simulation:MaxSeconds", "60"));
        using var acme = await HttpForNewKeyAsync(server, "acme");
        var id = (await (await StartAsync(acme)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();

        // An event stream is held once its headers are back; a long-poll then is one wait too many.
        using var stream = await acme.GetAsync($"/v1/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var second = await acme.GetAsync($"/job/{id}?wait=5");

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Limits:MaxWaiters", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync($"/job/{id}")).StatusCode); // a plain read is no wait
    }

    [Theory]
    [InlineData("/V1/JOBS/{0}/EVENTS")]
    [InlineData("/v1/jobs/{0}/events/")]
    [InlineData("/v1/Jobs/{0}/Events")]
    [InlineData("/JOB/{0}?WAIT=5")]
    public async Task The_waiter_limit_holds_however_the_path_is_spelled(string spelling)
    {
        await using var server = await StartAsync(("Limits:MaxWaiters", "1"), ("Simulation:MinSeconds", "60"), ("Simulation:MaxSeconds", "60"));
        using var acme = await HttpForNewKeyAsync(server, "acme");
        var id = (await (await StartAsync(acme)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
        using var held = await acme.GetAsync($"/v1/jobs/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        using var another = await acme.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, id), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.TooManyRequests, another.StatusCode);
        Assert.Equal("too_many_waiters", (await another.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Media_longer_than_the_limit_is_refused_with_a_code()
    {
        await using var server = await StartAsync(("Api:MaxMediaSeconds", "2"));
        using var http = await HttpForNewKeyAsync(server, "acme");
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        using var form = UploadForm.Create(video, ("target_languages", "es"));

        using var response = await http.PostAsync("/v1/jobs", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("media_too_long", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static Task<TestServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = TestServer.Settings();
        all["Auth:Mode"] = "required";
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return TestServer.StartAsync(all);
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient http) =>
        http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es" });

    private static async Task<HttpClient> HttpForNewKeyAsync(TestServer server, string tenant)
    {
        var key = await server.Services.GetRequiredService<ApiKeyStore>().CreateAsync(tenant, "limits", admin: false, default);
        return server.CreateHttpClient(key.Token);
    }
}
