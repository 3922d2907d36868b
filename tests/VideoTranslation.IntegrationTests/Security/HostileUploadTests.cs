using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>
/// Uploads an attacker would send to <c>POST /v1/jobs</c> on a real server: voices that are paths, playlists that
/// name other jobs' files, lying headers, and requests built to exhaust memory or CPU. Each is refused or bounded,
/// and a refused one leaves no job and no file behind.
/// </summary>
public sealed class HostileUploadTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory media = new();
    private TestServer server = null!;
    private HttpClient http = null!;
    private string video = null!;

    public async Task InitializeAsync()
    {
        var settings = TestServer.Settings();
        settings["Api:MaxMediaSeconds"] = "6";
        server = await TestServer.StartAsync(settings);
        http = server.CreateHttpClient();
        video = await TestMedia.SpeechVideoAsync(media.Path, "The house is very big.", seconds: 3);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => media.Dispose();

    [Theory]
    [InlineData("../../../../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("es+../../../../etc/passwd")]
    [InlineData("-w/tmp/owned.wav")]
    public async Task A_voice_the_engine_does_not_list_is_refused_at_submit(string voice)
    {
        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("voice.es", voice)));

        var problem = await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "invalid_request");
        Assert.Contains("not an espeak-ng voice", problem.GetProperty("errors").GetProperty("voice.es")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_voice_for_a_language_the_job_does_not_translate_into_is_refused_and_a_listed_one_accepted()
    {
        using var stray = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("voice.pt", "pt")));
        var problem = await AssertRefusedAsync(stray, HttpStatusCode.UnprocessableEntity, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty("voice.pt", out _));

        using var listed = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("voice.es", "es+f3"), ("dub", "false")));
        Assert.Equal(HttpStatusCode.Accepted, listed.StatusCode);
        var id = (await listed.ReadJsonAsync()).GetProperty("id").GetString();
        await http.PostAsync($"/v1/jobs/{id}/cancel", null);
    }

    [Theory]
    [InlineData("hls")]
    [InlineData("concat")]
    public async Task A_playlist_naming_other_files_is_refused_alike_whether_they_exist_or_not(string kind)
    {
        // Another tenant's finished output on this server, and a file that does not exist.
        var existing = await TestMedia.SpeechVideoAsync(media.Path, "This is someone else's video.", seconds: 2, name: "output.mp4");
        var missing = Path.Combine(media.Path, "nothing-here.mp4");
        string Playlist(string target) => kind == "hls"
            ? $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n{target}\n#EXT-X-ENDLIST\n"
            : $"ffconcat version 1.0\nfile '{target}'\n";

        var answers = new List<JsonElement>();
        foreach (var target in new[] { existing, missing })
        {
            var playlist = Path.Combine(media.Path, $"video-{answers.Count}.mp4");
            await File.WriteAllTextAsync(playlist, Playlist(target));
            using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(playlist, ("target_languages", "es")));
            answers.Add(await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "not_media"));
        }

        Assert.Equal(answers[0].GetProperty("detail").GetString(), answers[1].GetProperty("detail").GetString());
        Assert.Contains("container format", answers[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_whose_header_understates_its_length_fails_at_the_limit_measured_on_the_media()
    {
        // 12 s of media in a Matroska file whose header says 2 s, under a limit of 6 s.
        var mp4 = await TestMedia.SpeechVideoAsync(media.Path, "The house is very big. We will go to the beach tomorrow.", seconds: 12, name: "long.mp4");
        var lying = Path.Combine(media.Path, "lying.mkv");
        await ExternalTool.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-i", mp4, "-c", "copy", lying], default);
        var bytes = await File.ReadAllBytesAsync(lying);
        var duration = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x44, 0x89, 0x88]); // Segment Info's Duration: an 8-byte float, in milliseconds
        Assert.True(duration > 0, "the Matroska file has no Duration element to rewrite");
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(duration + 3), 2000.0);
        await File.WriteAllBytesAsync(lying, bytes);

        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(lying, ("target_languages", "es")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // the header passes; the media does not
        var location = response.Headers.Location!.ToString();
        var job = await Eventually.ValueAsync(
            async () => await http.GetStringAsync($"{location}?wait=10") is var read && !read.Contains("\"status\":\"pending\"", StringComparison.Ordinal) ? read : null,
            "the job finishing");
        var finished = JsonDocument.Parse(job).RootElement;
        Assert.Equal("error", finished.GetProperty("status").GetString());
        Assert.Equal("media_too_long", finished.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_field_the_endpoint_does_not_take_is_refused()
    {
        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("callback", "https://example.com/")));

        var problem = await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_field");
        Assert.Contains("'callback' is not a field", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hundreds_of_fields_are_refused_before_they_are_stored()
    {
        var fields = Enumerable.Range(0, 300).Select(i => ($"voice.x{i}", "es")).Prepend(("target_languages", "es")).ToArray();

        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, fields));

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task Fields_larger_together_than_the_cap_are_refused()
    {
        var large = new string('a', 60 * 1024);

        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(
            video, ("target_languages", "es"), ("glossary", large), ("callback_url", large), ("source_language", large)));

        await AssertRefusedAsync(response, HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task A_glossary_that_would_multiply_the_text_is_refused()
    {
        var glossary = JsonSerializer.Serialize(new Dictionary<string, string> { ["a"] = new string('x', 60 * 1024) });

        using var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("glossary", glossary)));

        var problem = await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "invalid_request");
        Assert.Contains("at most 200 characters", problem.GetProperty("errors").GetProperty("glossary")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subtitles_with_an_unclosed_tag_on_a_long_line_are_parsed_in_linear_time()
    {
        // A backtracking tag pattern scans the rest of the line at each '<i ': minutes for these ten megabytes.
        var subtitles = Path.Combine(media.Path, "source.srt");
        await File.WriteAllTextAsync(subtitles, "1\n00:00:00,000 --> 00:00:02,000\n" + new StringBuilder().Insert(0, "<i ", 3_400_000) + "\n");
        using var form = UploadForm.Create(video, ("target_languages", "es"), ("dub", "false"));
        form.Add(new StreamContent(File.OpenRead(subtitles)), "source_subtitles", "source.srt");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var stopwatch = Stopwatch.StartNew();
        using var response = await http.PostAsync("/v1/jobs", form, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60));
        await http.PostAsync($"/v1/jobs/{(await response.ReadJsonAsync()).GetProperty("id").GetString()}/cancel", null);
    }

    /// <summary>Asserts the refusal's status and code, and that it left no job and no upload behind.</summary>
    private async Task<JsonElement> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.ReadJsonAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").GetArrayLength());
        var jobs = Path.Combine(server.DataDirectory, "jobs");
        Assert.True(!Directory.Exists(jobs) || !Directory.EnumerateFileSystemEntries(jobs).Any(), "an upload was left behind");
        return problem;
    }
}
