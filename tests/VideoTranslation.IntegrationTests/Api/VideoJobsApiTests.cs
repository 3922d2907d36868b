using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>The v1 API end to end: upload a real video, follow the job, download its artifacts; and every way to get it wrong.</summary>
public sealed class VideoJobsApiTests : IAsyncLifetime, IDisposable
{
    private const string Speech = "Good morning everyone. The house is very big. We will go to the beach tomorrow.";

    private readonly TempDirectory media = new();
    private TestServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var settings = TestServer.Settings();
        settings["Api:MaxUploadBytes"] = "2000000";
        server = await TestServer.StartAsync(settings);
        http = server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => media.Dispose();

    [Fact]
    public async Task An_uploaded_video_is_translated_and_its_artifacts_downloadable()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, Speech, seconds: 8);

        var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es,pt-BR")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var accepted = await response.ReadJsonAsync();
        Assert.Equal(location, $"/v1/jobs/{accepted.GetProperty("id").GetString()}");
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.True(accepted.GetProperty("eta_seconds").GetDouble() > 0);

        var job = await http.WaitForJobAsync(location);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(("done", 1.0), (job.GetProperty("stage").GetString(), job.GetProperty("progress").GetDouble()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("eta_seconds").ValueKind);

        var srt = await http.GetStringAsync(job.GetProperty("results").GetProperty("es").GetProperty("srt").GetString());
        Assert.Contains(SubtitleParser.Parse(srt), cue => cue.Text == "Iremos a la playa mañana.");

        var names = (await http.GetFromJsonAsync<JsonElement>($"{location}/artifacts")).EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(
            ["transcript.json", "source.srt", "source.vtt", "es.srt", "es.vtt", "es.dub.m4a", "es.dubbing-report.json",
             "pt-BR.srt", "pt-BR.vtt", "pt-BR.dub.m4a", "pt-BR.dubbing-report.json", "output.mp4", "original.mp4"],
            names);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"{location}/artifacts/output.mp4");
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = await http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_seed_endpoint_shows_a_video_job_too()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, Speech, seconds: 8);
        var location = (await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es")))).Headers.Location!.ToString();

        var seed = await http.GetFromJsonAsync<JsonElement>(location.Replace("/v1/jobs/", "/job/", StringComparison.Ordinal));

        Assert.Equal(("en", "es"), (seed.GetProperty("source_language").GetString(), seed.GetProperty("target_language").GetString()));
    }

    [Fact]
    public async Task Provided_subtitles_replace_recognition()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, Speech, seconds: 6);
        var subtitles = Path.Combine(media.Path, "talk.srt");
        await File.WriteAllTextAsync(subtitles, "1\n00:00:00,500 --> 00:00:02,000\nGood morning.\n");
        var form = UploadForm.Create(video, ("target_languages", "es"), ("dub", "false"));
        form.Add(new StreamContent(File.OpenRead(subtitles)), "source_subtitles", "talk.srt");

        var location = (await http.PostAsync("/v1/jobs", form)).Headers.Location!.ToString();
        await http.WaitForJobAsync(location);

        Assert.Equal("1\n00:00:00,500 --> 00:00:02,000\nBuenos días.\n\n", await http.GetStringAsync($"{location}/artifacts/es.srt"));
    }

    public static TheoryData<string, string, string> Unprocessable => new()
    {
        { "not media", "target_languages=es", "not_media" },
        { "unsupported pair", "target_languages=ja", "unsupported_language" },
        { "unknown subtitle mode", "target_languages=es;subtitles=sideways", "invalid_request" },
        { "no target", "source_language=en", "invalid_request" },
        { "bad flag", "target_languages=es;dub=maybe", "invalid_request" },
        { "bad glossary", "target_languages=es;glossary=[1,2]", "invalid_request" },
        { "same language", "target_languages=EN", "invalid_request" },
        { "auto without a detecting recognizer", "source_language=auto;target_languages=es", "unsupported_language" },
    };

    [Theory]
    [MemberData(nameof(Unprocessable))]
    public async Task Bad_requests_get_a_problem_with_a_code_and_leave_no_job(string _, string fields, string code)
    {
        var file = _ == "not media" ? await TextFileAsync() : await TestMedia.SpeechVideoAsync(media.Path, "Hello.", seconds: 2);
        var form = UploadForm.Create(file, [.. fields.Split(';').Select(f => (f.Split('=')[0], f.Split('=', 2)[1]))]);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", form), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.DoesNotContain(server.DataDirectory, problem.Detail(), StringComparison.Ordinal);
        AssertNoJobs();
    }

    [Fact]
    public async Task Source_subtitles_that_do_not_parse_are_refused_with_the_line()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Hello.", seconds: 2);
        var subtitles = Path.Combine(media.Path, "broken.srt");
        await File.WriteAllTextAsync(subtitles, "1\n00:00:05,000 --> 00:00:04,000\nBackwards\n");
        var form = UploadForm.Create(video, ("target_languages", "es"));
        form.Add(new StreamContent(File.OpenRead(subtitles)), "source_subtitles", "broken.srt");

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", form), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalid_subtitles", problem.GetProperty("code").GetString());
        Assert.Contains("Line 2", problem.Detail(), StringComparison.Ordinal);
        AssertNoJobs();
    }

    [Fact]
    public async Task A_truncated_upload_is_refused_as_truncated()
    {
        var video = TestMedia.Truncate(await TestMedia.SpeechVideoAsync(media.Path, Speech, seconds: 4), 0.5);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"))), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("truncated", problem.GetProperty("code").GetString());
        AssertNoJobs();
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_and_leaves_nothing()
    {
        var big = Path.Combine(media.Path, "big.mp4");
        await File.WriteAllBytesAsync(big, new byte[3_000_000]);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", UploadForm.Create(big, ("target_languages", "es"))), HttpStatusCode.RequestEntityTooLarge);

        Assert.False(string.IsNullOrEmpty(problem.Detail()));
        AssertNoJobs();
    }

    [Fact]
    public async Task An_upload_over_the_general_body_limit_but_under_the_upload_limit_is_read_whole()
    {
        // Every other request body is capped at 1 MiB; the upload endpoint raises its own, so this reaches the probe.
        var notVideo = Path.Combine(media.Path, "one-and-a-half-mebibytes.mp4");
        await File.WriteAllBytesAsync(notVideo, [.. Enumerable.Range(0, 3 * 512 * 1024).Select(i => (byte)(i * 31))]);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", UploadForm.Create(notVideo, ("target_languages", "es"))), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("not_media", problem.GetProperty("code").GetString());
        AssertNoJobs();
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=\"unterminated", "x")]
    [InlineData("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\npartial data, no closing boundary")]
    [InlineData("multipart/form-data; boundary=abc", "garbage")]
    [InlineData("multipart/form-data", "--abc--")]
    [InlineData("multipart/form-data; boundary=abc", "--abc\r\nno-disposition: x\r\n\r\nvalue\r\n--abc--\r\n")]
    public async Task Malformed_multipart_is_400_and_leaves_nothing(string contentType, string body)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", content), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(problem.Detail()));
        AssertNoJobs();
    }

    [Fact]
    public async Task Random_garbage_uploads_never_get_a_server_error()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            var boundary = i % 2 == 0 ? "abc" : "\"x y\"";
            var prefix = System.Text.Encoding.ASCII.GetBytes(i % 3 == 0 ? $"--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v{i}.mp4\"\r\n\r\n" : "");
            using var content = new ByteArrayContent([.. prefix, .. bytes]);
            content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");

            using var response = await http.PostAsync("/v1/jobs", content);
            Assert.True((int)response.StatusCode < 500, $"Upload {i} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        AssertNoJobs();
    }

    [Fact]
    public async Task The_same_idempotency_key_and_upload_returns_the_same_job_and_another_upload_is_a_conflict()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Hello.", seconds: 2);
        var other = await TestMedia.SpeechVideoAsync(media.Path, "Goodbye.", seconds: 2, name: "other.mp4");

        var first = await PostAsync(video, "key-1");
        var retried = await PostAsync(video, "key-1");
        var reused = await PostAsync(other, "key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(first.Headers.Location, retried.Headers.Location);
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(server.DataDirectory, "jobs")));
        var conflict = await JsonAssert.IsProblemAsync(reused, HttpStatusCode.Conflict);
        Assert.Contains("key-1", conflict.Detail(), StringComparison.Ordinal);
        Assert.Equal("idempotency_conflict", conflict.GetProperty("code").GetString());
        var badKey = await JsonAssert.IsProblemAsync(await PostAsync(video, "bad key with spaces"), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", badKey.GetProperty("code").GetString());
    }

    private async Task<HttpResponseMessage> PostAsync(string video, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = UploadForm.Create(video, ("target_languages", "es"), ("dub", "false")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Json_instead_of_multipart_is_415()
    {
        using var json = new StringContent("{\"target_languages\":[\"es\"]}", new MediaTypeHeaderValue("application/json"));
        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync("/v1/jobs", json), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported_media_type", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/v1/jobs/no-such-job", HttpStatusCode.NotFound)]
    [InlineData("/v1/jobs/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("/v1/jobs/no-such-job/artifacts", HttpStatusCode.NotFound)]
    [InlineData("/v1/jobs/no-such-job/artifacts/output.mp4", HttpStatusCode.NotFound)]
    public async Task Unknown_or_hostile_ids_are_4xx(string path, HttpStatusCode status)
    {
        await JsonAssert.IsProblemAsync(await http.GetAsync(path), status);
    }

    [Fact]
    public async Task Artifact_names_outside_the_catalog_reach_no_file()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Hello.", seconds: 2);
        var location = (await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("dub", "false")))).Headers.Location!.ToString();
        await http.WaitForJobAsync(location);

        foreach (var name in new[] { "..%2F..%2Fjobs.db", "input.mp4", "work", "%2Fetc%2Fpasswd" })
        {
            await JsonAssert.IsProblemAsync(await http.GetAsync($"{location}/artifacts/{name}"), HttpStatusCode.NotFound);
        }
    }

    private async Task<string> TextFileAsync()
    {
        var path = Path.Combine(media.Path, "notes.mp4");
        await File.WriteAllTextAsync(path, "These are meeting notes, not a video.");
        return path;
    }

    private void AssertNoJobs()
    {
        var jobs = Path.Combine(server.DataDirectory, "jobs");
        Assert.True(!Directory.Exists(jobs) || !Directory.EnumerateFileSystemEntries(jobs).Any(), "an upload directory was left behind");
    }
}
