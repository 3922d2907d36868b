using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>Whatever a client sends, it gets a 4xx problem that says what is wrong: never a 500, never a crash.</summary>
public sealed class BadInputTests() : ServerTest()
{
    public static TheoryData<string, string?, string, HttpStatusCode, string> BadTranslateRequests => new()
    {
        { "malformed JSON", "application/json", "{\"source_language\": \"en\",", HttpStatusCode.BadRequest, "could not be read" },
        { "JSON array", "application/json", "[]", HttpStatusCode.BadRequest, "could not be read" },
        { "number for a language", "application/json", "{\"source_language\": 1, \"target_language\": \"es\"}", HttpStatusCode.BadRequest, "could not be read" },
        { "empty body", "application/json", "", HttpStatusCode.BadRequest, "body" },
        { "JSON null", "application/json", "null", HttpStatusCode.BadRequest, "A JSON body is required" },
        { "plain text", "text/plain", "en to es please", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "form post", "application/x-www-form-urlencoded", "source_language=en&target_language=es", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "no content type", null, "{\"source_language\": \"en\", \"target_language\": \"es\"}", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "missing target", "application/json", "{\"source_language\": \"en\"}", HttpStatusCode.UnprocessableEntity, "target_language: A language code is required" },
        { "empty object", "application/json", "{}", HttpStatusCode.UnprocessableEntity, "source_language: A language code is required" },
        { "unknown language", "application/json", "{\"source_language\": \"en\", \"target_language\": \"xx\"}", HttpStatusCode.UnprocessableEntity, "'xx' is not a known language" },
        { "language name", "application/json", "{\"source_language\": \"English\", \"target_language\": \"es\"}", HttpStatusCode.UnprocessableEntity, "not a known language" },
        { "same languages", "application/json", "{\"source_language\": \"en\", \"target_language\": \"EN\"}", HttpStatusCode.UnprocessableEntity, "must differ" },
        { "hostile language", "application/json", "{\"source_language\": \"../../etc/passwd\", \"target_language\": \"es\"}", HttpStatusCode.UnprocessableEntity, "not a known language" },
        { "absurd language", "application/json", "{\"source_language\": \"" + new string('e', 5000) + "\", \"target_language\": \"es\"}", HttpStatusCode.UnprocessableEntity, "not a language code" },
        { "hostile job id", "application/json", "{\"job_id\": \"../../x\", \"source_language\": \"en\", \"target_language\": \"es\"}", HttpStatusCode.UnprocessableEntity, "job_id" },
        { "empty job id", "application/json", "{\"job_id\": \"\", \"source_language\": \"en\", \"target_language\": \"es\"}", HttpStatusCode.UnprocessableEntity, "must not be empty" },
        { "oversized body", "application/json", "{\"source_language\": \"en\", \"target_language\": \"es\", \"pad\": \"" + new string('x', 100_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "larger than the 16384 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadTranslateRequests))]
    public async Task Bad_translate_requests_get_a_problem_saying_what_is_wrong(
        string _, string? contentType, string body, HttpStatusCode status, string expectedDetail)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var problem = await JsonAssert.IsProblemAsync(await Http.PostAsync("/translate", content), status);
        Assert.Contains(expectedDetail, problem.Detail(), StringComparison.OrdinalIgnoreCase);
        await AssertNoJobWasCreatedAndServerIsHealthyAsync();
    }

    [Fact]
    public async Task Validation_problems_name_each_bad_field()
    {
        var response = await Http.PostAsJsonAsync("/translate", new { job_id = "a/b", source_language = "zz", target_language = "" });
        var problem = await JsonAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["job_id", "source_language", "target_language"], fields);
    }

    [Theory]
    [InlineData("/job/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/job/a%20b", HttpStatusCode.BadRequest)]
    [InlineData("/job/.hidden", HttpStatusCode.BadRequest)]
    [InlineData("/job/well-formed-but-unknown", HttpStatusCode.NotFound)]
    [InlineData("/job/", HttpStatusCode.NotFound)]
    [InlineData("/nowhere", HttpStatusCode.NotFound)]
    public async Task Bad_or_unknown_job_ids_are_4xx_problems(string path, HttpStatusCode status)
    {
        await JsonAssert.IsProblemAsync(await Http.GetAsync(path), status);
    }

    [Fact]
    public async Task A_nul_byte_in_the_path_is_refused_by_kestrel_itself()
    {
        // Kestrel rejects this while parsing the request line, before any middleware could write a problem.
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/job/%00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Overlong_job_ids_are_refused()
    {
        var problem = await JsonAssert.IsProblemAsync(await Http.GetAsync("/job/" + new string('a', 500)), HttpStatusCode.BadRequest);
        Assert.Contains("at most 128", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_methods_are_405_problems()
    {
        await JsonAssert.IsProblemAsync(await Http.GetAsync("/translate"), HttpStatusCode.MethodNotAllowed);
        await JsonAssert.IsProblemAsync(await Http.DeleteAsync("/job/abc"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Random_garbage_never_gets_a_server_error()
    {
        var random = new Random(20261125);
        string[] paths = ["/translate", "/job/x", "/job/%FF%FE", "/translate?x=%", "/%2e%2e/", "/job/" + new string('%', 3)];
        string[] types = ["application/json", "text/plain", "application/octet-stream", "multipart/form-data; boundary=x", "application/json; charset=utf-16"];
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 2048)];
            random.NextBytes(bytes);
            if (i % 3 == 0)
            {
                // Almost-JSON is more interesting than noise.
                bytes = Encoding.UTF8.GetBytes("{\"source_language\": \"en\", \"target_language\": " + Encoding.Latin1.GetString(bytes) + "}");
            }

            using var request = new HttpRequestMessage(i % 4 == 0 ? HttpMethod.Get : HttpMethod.Post, paths[i % paths.Length])
            {
                Content = new ByteArrayContent(bytes),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", types[i % types.Length]);
            using var response = await Http.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"Request {i} to {request.RequestUri} got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await AssertNoJobWasCreatedAndServerIsHealthyAsync();
    }

    private async Task AssertNoJobWasCreatedAndServerIsHealthyAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/healthz")).StatusCode);
        var jobs = Server.Services.GetRequiredService<VideoTranslation.Server.Queue.IJobQueue>();
        Assert.Null(await jobs.GetNextDueTimeAsync(default));
    }
}
