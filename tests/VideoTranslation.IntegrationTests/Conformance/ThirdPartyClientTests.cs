using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.IntegrationTests.Waiting;

namespace VideoTranslation.IntegrationTests.Conformance;

/// <summary>
/// The API as third-party tools see it, with the tools themselves (installed from npm by <c>scripts/test.sh</c>):
/// Redocly CLI lints the OpenAPI document, openapi-typescript and TypeScript build a client from it that drives real
/// jobs, the <c>eventsource</c> package follows a job's events across a dropped connection, and the Standard Webhooks
/// reference library verifies the server's webhooks.
/// </summary>
public sealed class ThirdPartyClientTests : IDisposable
{
    private readonly NodeTools node = new();
    private readonly TempDirectory media = new();

    public void Dispose()
    {
        node.Dispose();
        media.Dispose();
    }

    [Fact]
    public async Task The_OpenAPI_document_passes_Redocly_recommended_rules_with_no_errors()
    {
        await using var server = await TestServer.StartAsync();
        var document = await SaveDocumentAsync(server);

        var (exitCode, output, errors) = await node.ToolAsync("redocly", "lint", document, "--format=stylish");

        output += errors; // Redocly reports on both
        Assert.True(exitCode == 0, output);
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" error ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_client_generated_from_the_document_drives_a_seed_job_and_a_video_job()
    {
        await using var server = await TestServer.StartAsync();
        var document = await SaveDocumentAsync(server);
        var video = await TestMedia.SpeechVideoAsync(media.Path, "The house is very big.", seconds: 3);

        // Types from the document alone; tsc refuses any path, parameter or body the document does not have.
        var generated = await node.ToolAsync("openapi-typescript", document, "-o", Path.Combine(node.WorkDirectory, "schema.d.ts"));
        Assert.True(generated.ExitCode == 0, generated.Output + generated.Errors);
        node.Script("generated-client.mts");
        await File.WriteAllTextAsync(Path.Combine(node.WorkDirectory, "tsconfig.json"), """
            {
              "compilerOptions": {
                "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
                "lib": ["es2022", "dom"], "types": ["node"], "skipLibCheck": true, "outDir": "out"
              },
              "files": ["generated-client.mts"]
            }
            """);
        var compiled = await node.ToolAsync("tsc", "-p", node.WorkDirectory);
        Assert.True(compiled.ExitCode == 0, compiled.Output + compiled.Errors);

        var (exitCode, output, errors) = await node.NodeAsync(Path.Combine("out", "generated-client.mjs"), server.BaseAddress.AbsoluteUri.TrimEnd('/'), video);

        Assert.True(exitCode == 0, output + errors);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.Equal("completed", result.GetProperty("seed").GetString());
        Assert.Equal("completed", result.GetProperty("video").GetString());
        Assert.Contains("es.srt", result.GetProperty("artifacts").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("casa", result.GetProperty("srt").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_EventSource_gets_every_event_once_across_a_dropped_connection_and_stops_after_the_last()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 4, maxSeconds: 4);
        await using var proxy = new CuttingProxy(server.BaseAddress);
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http);

        var (exitCode, output, errors) = await node.NodeAsync(node.Script("event-stream.mjs"), $"{proxy.Address.AbsoluteUri}v1/jobs/{jobId}/events");

        Assert.True(exitCode == 0, output + errors);
        var result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("ended").GetString() == "closed", $"the library did not stop: {output} {errors}"); // no reconnect loop
        var events = result.GetProperty("events").EnumerateArray().ToList();
        var ids = events.Select(e => long.Parse(e.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range((int)ids[0], ids.Count).Select(i => (long)i), ids); // each once, in order, none lost
        Assert.Equal(("status", "pending"), (events[0].GetProperty("type").GetString(), events[0].GetProperty("status").GetString()));
        Assert.Equal(("status", "completed"), (events[^1].GetProperty("type").GetString(), events[^1].GetProperty("status").GetString()));
        var final = await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}");
        Assert.Equal(final.GetProperty("version").GetInt64(), ids[^1]);

        // The first connection was dropped, the library reconnected, the stream ended, and its one reconnect after the
        // end was answered 204, which ended it for good.
        Assert.Equal(3, proxy.Requests);
    }

    [Fact]
    public async Task Webhooks_verify_with_the_Standard_Webhooks_reference_library()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = TestServer.Settings();
        settings["Webhooks:AllowPrivateNetworks"] = "true";
        await using var server = await TestServer.StartAsync(settings);
        using var http = server.CreateHttpClient();
        var secret = (await http.GetFromJsonAsync<JsonElement>("/v1/webhooks/secret")).GetProperty("secret").GetString()!;
        await EventStreamTests.StartSeedJobAsync(http, receiver.Url.AbsoluteUri);
        var received = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60)))[0];
        var script = node.Script("verify-webhook.mjs");

        async Task<(int ExitCode, string Output, string Errors)> VerifyAsync(string body, string name)
        {
            var delivery = Path.Combine(node.WorkDirectory, name);
            await File.WriteAllTextAsync(delivery, JsonSerializer.Serialize(new { body, headers = received.Headers }));
            return await node.NodeAsync(script, secret, delivery);
        }

        var genuine = await VerifyAsync(received.Body, "genuine.json");
        var tampered = await VerifyAsync(received.Body.Replace("\"completed\"", "\"error\"", StringComparison.Ordinal), "tampered.json");

        Assert.True(genuine.ExitCode == 0, genuine.Output + genuine.Errors);
        Assert.Equal("job.completed", JsonDocument.Parse(genuine.Output).RootElement.GetProperty("type").GetString());
        Assert.Equal(1, tampered.ExitCode);
        Assert.False(JsonDocument.Parse(tampered.Output).RootElement.GetProperty("verified").GetBoolean());
    }

    private async Task<string> SaveDocumentAsync(TestServer server)
    {
        using var http = server.CreateHttpClient();
        var path = Path.Combine(node.WorkDirectory, "openapi.json");
        await File.WriteAllTextAsync(path, await http.GetStringAsync("/openapi/v1.json"));
        return path;
    }
}
