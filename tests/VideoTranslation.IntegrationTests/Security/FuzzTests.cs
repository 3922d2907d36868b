using System.Net;
using System.Text;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>
/// A seeded fuzz run against the real server: thousands of malformed and hostile requests over every route, then
/// corrupted copies of a real video uploaded for translation. Nothing may get a 5xx, no job may be left pending, and
/// the server must be healthy after. The seed makes a failure reproducible.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const int Seed = 20261130;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    private static readonly string[] Segments =
    [
        "..", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5c..%5cwindows", new string('a', 300), "%00", "job%00id", "%F0%9F%98%80", "job;drop table jobs",
        "-leading-dash", "valid-id-123", "3f2c9a6e-0b7d-4c1e-9d2a-1f7e5b8c0a11", "%", "%zz", "a/b", "CON", " ", "output.mp4", "../jobs.db",
    ];

    private static readonly string[] Templates =
    [
        "/translate", "/job/{0}", "/v1/jobs", "/v1/jobs/{0}", "/v1/jobs/{0}/artifacts", "/v1/jobs/{0}/artifacts/{1}", "/v1/jobs/{0}/events",
        "/v1/jobs/{0}/cancel", "/v1/admin/queues", "/v1/admin/workers", "/metrics", "/healthz", "/{0}", "/v1/{0}/{1}",
    ];

    private static readonly string[] Queries =
    [
        "", "?wait=abc", "?wait=-1", "?wait=1e308", "?wait=0.01", "?wait=NaN", "?limit=0", "?limit=abc", "?limit=1000000", "?cursor=!!!",
        "?cursor=MTIzOmFiYw", "?status=whatever", "?status=1", "?wait=0.01&wait=0.02",
    ];

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Thousands_of_hostile_requests_and_corrupted_videos_get_no_server_error_and_leave_the_server_healthy()
    {
        var random = new Random(Seed);
        var settings = TestServer.Settings(workers: 8);
        settings["Api:MaxWaitSeconds"] = "0.2"; // long-polls in the mix end quickly
        await using var server = await TestServer.StartAsync(settings);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var failures = new List<string>();

        for (var i = 0; i < 3000; i++)
        {
            using var request = RandomRequest(random, i);
            var described = $"#{i} {request.Method} {request.RequestUri}";
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{described} -> {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel may refuse a request outright (a malformed request line): that is a 400 on the wire, not a crash.
            }
        }

        Assert.True(failures.Count == 0, $"Seed {Seed}: {failures.Count} server errors, e.g. {string.Join(" || ", failures.Take(5))}");

        // Corrupted copies of a real video: each is refused with a 4xx, or accepted and then ends (completed or error).
        var video = await File.ReadAllBytesAsync(await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3));
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var accepted = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var corrupted = Corrupt(video, random, i);
            var path = Path.Combine(directory.Path, $"corrupted-{i}.mp4");
            await File.WriteAllBytesAsync(path, corrupted);
            try
            {
                accepted.Add((await client.StartVideoTranslationAsync(path, new VideoTranslationOptions { TargetLanguages = { "es" }, Dub = i % 2 == 0 })).Id);
            }
            catch (TranslationApiException refused)
            {
                Assert.True((int)refused.StatusCode is >= 400 and < 500, $"corrupted video #{i}: {(int)refused.StatusCode} {refused.Detail}");
            }
        }

        foreach (var id in accepted)
        {
            var job = await client.WaitForVideoJobAsync(id).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default)
                      ?? await client.GetVideoJobAsync(id);
            Assert.True(job.IsFinished, $"job {id} is still {job.Status}/{job.Stage}");
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/jobs?limit=1")).StatusCode);
    }

    private static HttpRequestMessage RandomRequest(Random random, int index)
    {
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, Templates), Pick(random, Segments), Pick(random, Segments));
        var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), path + Pick(random, Queries));
        switch (random.Next(8))
        {
            case 0: request.Headers.TryAddWithoutValidation("Authorization", Pick(random, ["Bearer ", "Bearer vts_", "Bearer vts_x_y", "Basic Og==", new string('x', 5000)])); break;
            case 1: request.Headers.TryAddWithoutValidation("Prefer", Pick(random, ["wait=abc", "wait=-5", "wait", "respond-async, wait=0.1"])); break;
            case 2: request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, ["*", "W/\"x\"", "\"", new string('"', 100)])); break;
            case 3: request.Headers.TryAddWithoutValidation("Last-Event-ID", Pick(random, ["-1", "abc", "99999999999999999999", ""])); break;
            case 4: request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, ["", new string('k', 300), "key with spaces", "\u00e9"])); break;
        }

        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && random.Next(3) > 0)
        {
            request.Content = RandomBody(random, index);
        }

        return request;
    }

    private static HttpContent RandomBody(Random random, int index)
    {
        switch (random.Next(6))
        {
            case 0:
                return Json(Pick(random, ["{", "[]", "null", "{\"source_language\": 5}", "{\"source_language\":\"en\",\"target_language\":\"es\",\"job_id\":\"../x\"}",
                    "{\"source_language\":\"en\",\"target_language\":\"es\",\"callback_url\":\"file:///etc/passwd\"}", "\"\u0000\""]));
            case 1:
                var bytes = new byte[random.Next(0, 4096)];
                random.NextBytes(bytes);
                return new ByteArrayContent(bytes) { Headers = { { "Content-Type", Pick(random, ["application/json", "multipart/form-data; boundary=x", "text/plain", "application/octet-stream"]) } } };
            case 2:
                return new StringContent($"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../{index}.mp4\"\r\n\r\nnot a video\r\n--b--\r\n", Encoding.UTF8)
                {
                    Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b") },
                };
            case 3:
                var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(Encoding.UTF8.GetBytes("garbage")), "file", "x.mp4" },
                    { new StringContent(Pick(random, ["es", "", "xx-YY-ZZ", new string('e', 500), "es,es,es"])), "target_languages" },
                    { new StringContent(Pick(random, ["{", "[]", "{\"a\":1}"])), "glossary" },
                };
                return form;
            case 4:
                return Json(new string('[', 10_000)); // deep nesting
            default:
                return Json("{\"source_language\":\"en\",\"target_language\":\"" + new string('x', 20_000) + "\"}"); // over the size limit
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>Truncated, bit-flipped, or with its header or index zeroed: the ways files arrive damaged.</summary>
    private static byte[] Corrupt(byte[] video, Random random, int index)
    {
        var copy = (byte[])video.Clone();
        switch (index % 4)
        {
            case 0:
                return copy[..random.Next(1, copy.Length - 1)];
            case 1:
                for (var flips = 0; flips < 50; flips++)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            case 2:
                Array.Clear(copy, 0, Math.Min(64, copy.Length));
                return copy;
            default:
                var at = random.Next(copy.Length / 4, copy.Length * 3 / 4);
                Array.Clear(copy, at, Math.Min(4096, copy.Length - at));
                return copy;
        }
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
