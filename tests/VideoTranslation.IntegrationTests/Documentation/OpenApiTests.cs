using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Documentation;

/// <summary>The OpenAPI document the server generates, checked against the server's real endpoints and real responses.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private TestServer server = null!;
    private HttpClient http = null!;
    private JsonElement document;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync();
        http = server.CreateHttpClient();
        document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_document_with_its_method()
    {
        var operational = new[] { "/", "/healthz", "/readyz", "/metrics", "/openapi/{documentName}.json" }; // "/": the web page
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => ("/" + endpoint.RoutePattern.RawText!.Trim('/'), endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(endpoint => !operational.Contains(endpoint.Item1) && !endpoint.Item1.StartsWith("/docs", StringComparison.Ordinal))
            .ToList();

        Assert.True(endpoints.Count >= 14, $"only {endpoints.Count} endpoints found");
        var paths = document.GetProperty("paths");
        foreach (var (route, methods) in endpoints)
        {
            Assert.True(paths.TryGetProperty(route, out var operations), $"{route} is not in the document");
            Assert.All(methods, method => Assert.True(operations.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {route} is not in the document"));
        }
    }

    [Fact]
    public async Task Real_responses_have_exactly_the_documented_fields()
    {
        using var started = await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es" });
        var id = (await AssertMatchesAsync(started, "/translate", "post")).GetProperty("job_id").GetString();
        await AssertMatchesAsync(await http.GetAsync($"/job/{id}"), "/job/{job_id}", "get");
        await AssertMatchesAsync(await http.GetAsync($"/v1/jobs/{id}"), "/v1/jobs/{id}", "get");
        await AssertMatchesAsync(await http.GetAsync("/v1/jobs"), "/v1/jobs", "get");
        await AssertMatchesAsync(await http.GetAsync("/v1/admin/queues"), "/v1/admin/queues", "get");
        await AssertMatchesAsync(await http.GetAsync("/v1/webhooks/secret"), "/v1/webhooks/secret", "get");
        await AssertMatchesAsync(await http.GetAsync("/v1/capabilities"), "/v1/capabilities", "get");
        await AssertMatchesAsync(await http.GetAsync("/job/no-such-job"), "/job/{job_id}", "get");
        await AssertMatchesAsync(await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "en" }), "/translate", "post");
        await AssertMatchesAsync(await http.PostAsync($"/v1/jobs/{id}/artifacts/output.mp4/link", null), "/v1/jobs/{id}/artifacts/{name}/link", "post");
        await AssertMatchesAsync(await http.PostAsync($"/v1/jobs/{id}/artifacts/output.mp4/link?expires_in=5", null), "/v1/jobs/{id}/artifacts/{name}/link", "post");
    }

    [Fact]
    public void Waiting_headers_and_limits_are_documented()
    {
        var job = document.GetProperty("paths").GetProperty("/v1/jobs/{id}").GetProperty("get");
        var headers = job.GetProperty("responses").GetProperty("200").GetProperty("headers");
        Assert.True(headers.TryGetProperty("Retry-After", out _));
        Assert.True(headers.TryGetProperty("ETag", out _));
        Assert.Contains(job.GetProperty("parameters").EnumerateArray(), parameter => parameter.GetProperty("name").GetString() == "wait");
        Assert.True(job.GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        var download = document.GetProperty("paths").GetProperty("/v1/jobs/{id}/artifacts/{name}").GetProperty("get");
        Assert.Contains(download.GetProperty("parameters").EnumerateArray(), parameter => parameter.GetProperty("name").GetString() == "link");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        using var page = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The page loads the document from the server's root (the path it names is resolved against the page's base).
        Assert.Contains("\"url\":\"openapi/v1.json\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs/scalar.js")).StatusCode); // served by the server, no CDN
    }

    /// <summary>
    /// The response's status is documented for the operation, and its JSON fields are the documented schema's: none
    /// undocumented, none required missing. Problem responses are checked as RFC 9457 problem details.
    /// </summary>
    private async Task<JsonElement> AssertMatchesAsync(HttpResponseMessage response, string path, string method)
    {
        using (response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var documented = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
            Assert.True(documented.TryGetProperty(status, out var declared), $"{method.ToUpperInvariant()} {path} answered {status}, which is not documented");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var content = declared.GetProperty("content");
            var (mediaType, schemaHolder) = content.EnumerateObject().Select(p => (p.Name, p.Value)).First();
            var schema = Resolve(schemaHolder.GetProperty("schema"));
            if (mediaType == "application/problem+json")
            {
                Assert.Equal(status, body.GetProperty("status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(body.TryGetProperty("title", out _));
                return body;
            }

            var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            var actual = body.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.True(actual.IsSubsetOf(properties), $"{path}: undocumented fields {string.Join(", ", actual.Except(properties))}");
            var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet() : [];
            Assert.True(required.IsSubsetOf(actual), $"{path}: required fields missing {string.Join(", ", required.Except(actual))}");
            return body;
        }
    }

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
}
