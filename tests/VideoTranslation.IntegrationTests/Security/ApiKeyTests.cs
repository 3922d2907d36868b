using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Security;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>API keys and tenants against the real server with keys required (Auth:Mode=required on loopback).</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private TestServer server = null!;
    private ApiKeyStore keys = null!;

    public async Task InitializeAsync()
    {
        var settings = TestServer.Settings();
        settings["Auth:Mode"] = "required";
        server = await TestServer.StartAsync(settings);
        keys = server.Services.GetRequiredService<ApiKeyStore>();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("POST", "/translate")]
    [InlineData("GET", "/job/some-job")]
    [InlineData("GET", "/v1/jobs")]
    [InlineData("POST", "/v1/jobs")]
    [InlineData("GET", "/v1/jobs/some-job/events")]
    [InlineData("GET", "/v1/admin/queues")]
    [InlineData("GET", "/metrics")]
    public async Task Without_a_key_every_endpoint_is_401_with_a_problem_that_says_how_to_get_one(string method, string path)
    {
        using var http = server.CreateHttpClient();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("vts keys create", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_checks_need_no_key(string path)
    {
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_sees_its_own_jobs_and_another_tenant_gets_404_for_all_of_them()
    {
        var acme = (await keys.CreateAsync("acme", "test", admin: false, default)).Token;
        var globex = (await keys.CreateAsync("globex", "test", admin: false, default)).Token;
        using var client = server.CreateClient(WithKey(TestServer.FastPolling(), acme));
        var job = await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync();
        Assert.Equal(TranslationJobStatus.Completed, job.Status);

        using var other = Http(globex);
        foreach (var (method, path) in new[]
                 {
                     ("GET", $"/job/{job.JobId}"), ("GET", $"/job/{job.JobId}?wait=1"), ("GET", $"/v1/jobs/{job.JobId}"),
                     ("GET", $"/v1/jobs/{job.JobId}/artifacts"), ("GET", $"/v1/jobs/{job.JobId}/events"),
                     ("POST", $"/v1/jobs/{job.JobId}/cancel"), ("DELETE", $"/v1/jobs/{job.JobId}"),
                 })
        {
            using var response = await other.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").EnumerateArray());
        using var own = Http(acme);
        Assert.Equal(job.JobId, (await own.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs")[0].GetProperty("id").GetString());

        // The same client-chosen id from another tenant: taken, and nothing about the first job is said.
        using var reuse = await other.PostAsJsonAsync("/translate", new { job_id = job.JobId, source_language = "en", target_language = "fr" });
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.DoesNotContain("-> es", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_forged_or_malformed_key_is_401()
    {
        var created = await keys.CreateAsync("acme", "soon revoked", admin: false, default);
        using (var live = Http(created.Token))
        {
            Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/v1/jobs")).StatusCode);
        }

        Assert.True(await keys.RevokeAsync(created.Key.Id, default));
        foreach (var token in new[] { created.Token, $"vts_{created.Key.Id}_not-the-secret", "vts_nothing", "not a key" })
        {
            using var http = Http(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/jobs")).StatusCode);
        }

        using var basic = server.CreateHttpClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task Operator_endpoints_need_an_admin_key()
    {
        using var tenant = Http((await keys.CreateAsync("acme", "app", admin: false, default)).Token);
        using var admin = Http((await keys.CreateAsync("ops", "monitoring", admin: true, default)).Token);

        foreach (var path in new[] { "/v1/admin/workers", "/v1/admin/queues", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_only()
    {
        var created = await keys.CreateAsync("acme", "app", admin: false, default);
        var secret = created.Token.Split('_', 3)[2];

        var database = await File.ReadAllBytesAsync(Path.Combine(server.DataDirectory, "jobs.db"));
        var wal = Path.Combine(server.DataDirectory, "jobs.db-wal");
        var text = System.Text.Encoding.ASCII.GetString([.. database, .. File.Exists(wal) ? await File.ReadAllBytesAsync(wal) : []]);

        Assert.Contains(created.Key.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    private static TranslationConfig WithKey(TranslationConfig config, string key)
    {
        config.ApiKey = key;
        return config;
    }

    private HttpClient Http(string token) => server.CreateHttpClient(token);
}

/// <summary>The embedded default: open on loopback, but a key that is presented must be live.</summary>
public sealed class OpenServerTests
{
    [Fact]
    public async Task On_loopback_no_key_is_needed_but_a_bad_one_is_refused()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/admin/queues")).StatusCode);

        using var guessed = server.CreateHttpClient("vts_0123456789ab_guessed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await guessed.GetAsync("/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task Keys_are_required_when_Kestrel_endpoints_bind_a_public_address_whatever_urls_says()
    {
        // The usual way to add TLS: Kestrel:Endpoints. 'urls' (loopback here) is then not where the server listens.
        var settings = TestServer.Settings();
        settings["Kestrel:Endpoints:Public:Url"] = "http://0.0.0.0:0";
        await using var server = await TestServer.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}") };

        using var response = await http.GetAsync("/v1/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("attacker.example:8000")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("10.0.0.5")]
    public async Task An_open_server_refuses_requests_addressed_to_other_names_as_dns_rebinding_sends_them(string host)
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks/secret");
        request.Headers.Host = host;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("host_not_allowed", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("whsec_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var loopback in new[] { $"localhost:{server.BaseAddress.Port}", $"127.0.0.1:{server.BaseAddress.Port}", $"[::1]:{server.BaseAddress.Port}" })
        {
            using var local = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks/secret");
            local.Headers.Host = loopback;
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local)).StatusCode);
        }
    }

    [Theory]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task An_open_server_refuses_state_changes_from_other_sites(string header, string value)
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var before = (await http.GetFromJsonAsync<JsonElement>("/v1/webhooks/secret")).GetProperty("secret").GetString();

        using var rotate = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/secret/rotate");
        rotate.Headers.TryAddWithoutValidation(header, value);
        using var start = new HttpRequestMessage(HttpMethod.Post, "/translate") { Content = JsonContent.Create(new { source_language = "en", target_language = "es" }) };
        start.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(rotate)).StatusCode);
        var refused = await http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("cross_origin", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, (await http.GetFromJsonAsync<JsonElement>("/v1/webhooks/secret")).GetProperty("secret").GetString());
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").EnumerateArray());

        // The server's own page (same origin) and programs (no such headers) still may.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/translate") { Content = JsonContent.Create(new { source_language = "en", target_language = "es" }) };
        own.Headers.TryAddWithoutValidation("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        own.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
    }
}
