using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>A video fetched from <c>source_url</c>: from a real file server, never from private networks unless allowed, capped in size.</summary>
public sealed class SourceUrlTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory directory = new();
    private WebApplication files = null!;

    public async Task InitializeAsync()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        files = builder.Build();
        files.MapGet("/talk.mp4", () => Results.File(video, "video/mp4"));
        files.MapGet("/moved", () => Results.Redirect("/talk.mp4"));
        files.MapGet("/missing.mp4", () => Results.NotFound());
        await files.StartAsync();
    }

    public async Task DisposeAsync() => await files.DisposeAsync();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_video_at_a_source_url_is_fetched_through_redirects_and_translated()
    {
        await using var server = await StartAsync(("Api:AllowPrivateSourceUrls", "true")); // the file server is on loopback
        using var http = server.CreateHttpClient();

        using var response = await PostAsync(http, Url("/moved"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal("talk.mp4", job.GetProperty("file_name").GetString());
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 120));
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(id)).Status);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[64:ff9b::127.0.0.1]")]
    [InlineData("[2002:7f00:1::]")]
    public async Task A_source_url_on_a_private_network_is_refused_unless_allowed(string host)
    {
        await using var server = await StartAsync();
        using var http = server.CreateHttpClient();

        using var response = await PostAsync(http, Url("/talk.mp4").Replace("127.0.0.1", host, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("public internet address", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").EnumerateArray());
    }

    [Theory]
    [InlineData("/missing.mp4", "source_unavailable", "500000")]
    [InlineData("/talk.mp4", "source_too_large", "1000")]
    public async Task A_source_that_cannot_be_had_whole_is_refused_with_a_code(string path, string code, string maxBytes)
    {
        await using var server = await StartAsync(("Api:AllowPrivateSourceUrls", "true"), ("Api:MaxUploadBytes", maxBytes));
        using var http = server.CreateHttpClient();

        using var response = await PostAsync(http, Url(path));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "jobs")));
    }

    private string Url(string path) => new Uri(new Uri(files.Urls.Single()), path).AbsoluteUri;

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string sourceUrl) =>
        http.PostAsync("/v1/jobs", new MultipartFormDataContent
        {
            { new StringContent(sourceUrl), "source_url" },
            { new StringContent("es"), "target_languages" },
            { new StringContent("false"), "dub" },
        });

    private static Task<TestServer> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = TestServer.Settings();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return TestServer.StartAsync(settings);
    }
}
