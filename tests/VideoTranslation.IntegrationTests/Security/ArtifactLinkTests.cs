using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Security;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>
/// Signed artifact links on a server that requires keys: one real translated video, then what its links open
/// (that one file, with ranges, without a key) and what they do not (anything else, after a revoke, when altered).
/// </summary>
public sealed class ArtifactLinkTests(ArtifactLinkTests.TranslatedJob translated) : IClassFixture<ArtifactLinkTests.TranslatedJob>
{
    [Fact]
    public async Task A_link_downloads_its_file_without_a_key_and_with_ranges()
    {
        var link = await translated.Client.CreateArtifactLinkAsync(translated.JobId, "es.srt");
        using var anonymous = new HttpClient();

        using var whole = await anonymous.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var subtitles = await whole.Content.ReadAsStringAsync();
        Assert.Contains("casa", subtitles, StringComparison.OrdinalIgnoreCase);
        await using (var keyed = await translated.Client.OpenArtifactAsync(translated.JobId, "es.srt"))
        using (var reader = new StreamReader(keyed))
        {
            Assert.Equal(await reader.ReadToEndAsync(), subtitles);
        }

        using var range = new HttpRequestMessage(HttpMethod.Get, link.Url) { Headers = { Range = new RangeHeaderValue(0, 9) } };
        using var part = await anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(subtitles[..10], await part.Content.ReadAsStringAsync());

        // HEAD: what a player or download manager asks first; the headers without the body.
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, link.Url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(whole.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.True(head.Content.Headers.ContentLength > 0);
        Assert.Equal("bytes", head.Headers.AcceptRanges.Single());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        // An hour by default, as the answer says; whole seconds, never shorter than asked.
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        var week = await translated.Client.CreateArtifactLinkAsync(translated.JobId, "output.mp4", TimeSpan.FromDays(7));
        Assert.InRange(week.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(2), TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        using var start = new HttpRequestMessage(HttpMethod.Get, week.Url) { Headers = { Range = new RangeHeaderValue(0, 7) } };
        using var video = await anonymous.SendAsync(start); // what a <video> element does first
        Assert.Equal(HttpStatusCode.PartialContent, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString((await video.Content.ReadAsByteArrayAsync())[4..8]));
    }

    [Fact]
    public async Task A_link_opens_nothing_but_its_own_file()
    {
        var token = Token(await translated.Client.CreateArtifactLinkAsync(translated.JobId, "es.srt"));
        using var anonymous = translated.Server.CreateHttpClient();
        var id = translated.JobId;

        foreach (var (method, path) in new[]
                 {
                     ("GET", $"/v1/jobs/{id}/artifacts/es.vtt"), ("GET", $"/v1/jobs/{id}/artifacts/output.mp4"), ("GET", $"/v1/jobs/{id}"),
                     ("GET", $"/v1/jobs/{id}/artifacts"), ("GET", $"/v1/jobs/{id}/events"), ("POST", $"/v1/jobs/{id}/artifacts/es.srt/link"),
                     ("DELETE", $"/v1/jobs/{id}"), ("GET", "/v1/jobs"), ("GET", $"/job/{id}"), ("GET", "/v1/admin/queues"),
                 })
        {
            using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?link={token}"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}");
        }

        using var elsewhere = await anonymous.GetAsync($"/v1/jobs/{id}/artifacts/es.vtt?link={token}");
        Assert.Contains("made for another file", await Detail(elsewhere), StringComparison.Ordinal);
        var parts = token.Split('.');
        using var later = await anonymous.GetAsync($"/v1/jobs/{id}/artifacts/es.srt?link={parts[0]}.{parts[1]}.{long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[3]}");
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
        Assert.Contains("not valid", await Detail(later), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/v1/jobs/{id}/artifacts/es.srt?link={token}")).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_that_made_a_link_ends_the_link()
    {
        var created = await translated.Keys.CreateAsync("acme", "short-lived", admin: false, default);
        using var client = translated.Server.CreateClient(new TranslationConfig { ApiKey = created.Token });
        var link = await client.CreateArtifactLinkAsync(translated.JobId, "es.vtt"); // same tenant, another key
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.Url)).StatusCode);

        await translated.Keys.RevokeAsync(created.Key.Id, default);

        using var revoked = await anonymous.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await Detail(revoked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_are_made_only_for_the_callers_own_existing_artifacts_and_lifetimes_within_bounds()
    {
        var globex = (await translated.Keys.CreateAsync("globex", "other", admin: false, default)).Token;
        using var other = translated.Server.CreateClient(new TranslationConfig { ApiKey = globex });
        var foreign = await Assert.ThrowsAsync<TranslationApiException>(() => other.CreateArtifactLinkAsync(translated.JobId, "es.srt"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var missing = await Assert.ThrowsAsync<TranslationApiException>(() => translated.Client.CreateArtifactLinkAsync(translated.JobId, "fr.srt"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("GET /v1/jobs/", missing.Detail, StringComparison.Ordinal);

        foreach (var lifetime in new[] { TimeSpan.FromSeconds(10), TimeSpan.FromDays(8) })
        {
            var refused = await Assert.ThrowsAsync<TranslationApiException>(() => translated.Client.CreateArtifactLinkAsync(translated.JobId, "es.srt", lifetime));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("expires_in must be between 60 and 604800 seconds", refused.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_an_open_server_a_link_needs_no_key_to_make_and_a_bad_one_is_still_refused()
    {
        using var directory = new TempDirectory();
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" }, Dub = false });
        await client.WaitForVideoJobAsync(job.Id);

        var link = await client.CreateArtifactLinkAsync(job.Id, "es.srt");
        Assert.StartsWith("-.", Token(link), StringComparison.Ordinal); // made without a key
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(link.Url)).StatusCode);

        // A link that does not check out is refused, not quietly ignored, though the file needs no link here.
        using var altered = await http.GetAsync(link.Url.AbsoluteUri.Replace("?link=-.", "?link=ffffffffffff.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, altered.StatusCode);
        using var misplaced = await http.GetAsync($"/v1/jobs?link={Token(link)}");
        Assert.Equal(HttpStatusCode.Unauthorized, misplaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/v1/jobs/{job.Id}/artifacts/es.srt")).StatusCode);
    }

    private static string Token(ArtifactLink link) => System.Web.HttpUtility.ParseQueryString(link.Url.Query)["link"]!;

    private static async Task<string> Detail(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The link does not open this", problem.GetProperty("title").GetString());
        return problem.GetProperty("detail").GetString()!;
    }

    /// <summary>A keyed server and one finished translation, shared by the tests above (a real video takes a while).</summary>
    public sealed class TranslatedJob : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public ApiKeyStore Keys { get; private set; } = null!;

        public VideoTranslationClient Client { get; private set; } = null!;

        public string JobId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var settings = TestServer.Settings();
            settings["Auth:Mode"] = "required";
            Server = await TestServer.StartAsync(settings);
            Keys = Server.Services.GetRequiredService<ApiKeyStore>();
            var config = TestServer.FastPolling(timeoutSeconds: 180);
            config.ApiKey = (await Keys.CreateAsync("acme", "app", admin: false, default)).Token;
            Client = Server.CreateClient(config);
            using var directory = new TempDirectory(); // the upload's; the job keeps its own copy
            var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
            var job = await Client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
            JobId = (await Client.WaitForVideoJobAsync(job.Id)).Id;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
