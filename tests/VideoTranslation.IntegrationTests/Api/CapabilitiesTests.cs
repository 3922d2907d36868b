using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary><c>GET /v1/capabilities</c> says what the real engines here can do, and the job API accepts exactly that.</summary>
public sealed class CapabilitiesTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory directory = new();
    private TestServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var settings = TestServer.Settings();
        settings["Api:MaxUploadBytes"] = "123456789";
        server = await TestServer.StartAsync(settings);
        http = server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_offline_engines_pairs_and_limits_are_listed()
    {
        var capabilities = await http.GetFromJsonAsync<JsonElement>("/v1/capabilities");

        Assert.Equal("pocketsphinx", capabilities.GetProperty("engines").GetProperty("recognition").GetString());
        Assert.Equal("apertium", capabilities.GetProperty("engines").GetProperty("translation").GetString());
        Assert.False(capabilities.GetProperty("detects_source_language").GetBoolean());
        Assert.False(capabilities.GetProperty("any_language_pair").GetBoolean());
        Assert.Equal(123456789, capabilities.GetProperty("max_upload_bytes").GetInt64());
        Assert.Equal(["soft", "burned", "none"], capabilities.GetProperty("subtitle_modes").EnumerateArray().Select(mode => mode.GetString()));

        var pairs = capabilities.GetProperty("language_pairs").EnumerateArray()
            .ToDictionary(pair => $"{pair.GetProperty("source").GetString()}->{pair.GetProperty("target").GetString()}");
        Assert.True(pairs["en->es"].GetProperty("recognized").GetBoolean()); // pocketsphinx hears English
        Assert.True(pairs["en->es"].GetProperty("dubbed").GetBoolean());
        Assert.True(pairs["en->pt-BR"].GetProperty("dubbed").GetBoolean());
        Assert.False(pairs["es->en"].GetProperty("recognized").GetBoolean()); // Spanish speech only with its subtitles
        Assert.True(pairs["es->en"].GetProperty("dubbed").GetBoolean()); // espeak-ng lists English only by region, and still speaks it
        Assert.False(pairs.ContainsKey("en->de"));
    }

    [Fact]
    public async Task The_client_reads_them_and_answers_whether_a_pair_is_supported()
    {
        using var client = server.CreateClient();

        var capabilities = await client.GetCapabilitiesAsync();

        Assert.Equal("espeak-ng", capabilities.Engines.Synthesis);
        Assert.True(capabilities.Supports("en", "pt-BR"));
        Assert.False(capabilities.Supports("es", "en")); // no Spanish speech recognition here
        Assert.True(capabilities.Supports("es", "en", withSubtitles: true));
        Assert.False(capabilities.Supports("en", "de"));
    }

    [Fact]
    public async Task What_is_not_listed_is_refused_and_what_is_listed_is_accepted()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);

        using var unlisted = await PostAsync(video, source: "en", targets: "de");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unlisted.StatusCode);
        Assert.Equal("unsupported_language", (await unlisted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var unrecognized = await PostAsync(video, source: "es", targets: "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unrecognized.StatusCode);

        using var listed = await PostAsync(video, source: "en", targets: "es,pt-BR");
        Assert.Equal(HttpStatusCode.Accepted, listed.StatusCode);
    }

    [Fact]
    public async Task A_finished_job_lists_its_artifacts_with_kind_and_language_and_the_original_upload()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        using var started = await PostAsync(video, source: "en", targets: "es");
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using (var waiting = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180)))
        {
            await waiting.WaitForVideoJobAsync(id);
        }

        var artifacts = (await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}/artifacts")).EnumerateArray()
            .ToDictionary(artifact => artifact.GetProperty("name").GetString()!);
        Assert.Equal("dub", artifacts["es.dub.m4a"].GetProperty("kind").GetString());
        Assert.Equal("es", artifacts["es.dub.m4a"].GetProperty("language").GetString());
        Assert.Equal("video", artifacts["output.mp4"].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, artifacts["output.mp4"].GetProperty("language").ValueKind);

        using var client = server.CreateClient();
        Assert.Contains(await client.GetArtifactsAsync(id), artifact => artifact is { Name: "es.srt", Kind: "srt", Language: "es" });

        // The upload, byte for byte, for players that play the original sound beside the translated video.
        Assert.Equal("original", artifacts["original.mp4"].GetProperty("kind").GetString());
        Assert.Equal(await File.ReadAllBytesAsync(video), await http.GetByteArrayAsync($"/v1/jobs/{id}/artifacts/original.mp4"));
    }

    private async Task<HttpResponseMessage> PostAsync(string video, string source, string targets)
    {
        using var form = UploadForm.Create(video, ("source_language", source), ("target_languages", targets));
        return await http.PostAsync("/v1/jobs", form);
    }
}
