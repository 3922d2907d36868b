using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>Callback URLs cannot make the server reach private networks (SSRF), by address or by a name that resolves there.</summary>
public sealed class CallbackUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:80/hook")]
    [InlineData("http://10.0.0.8/hook")]
    [InlineData("http://[::127.0.0.1]:9/hook")]
    [InlineData("http://[64:ff9b::169.254.169.254]/latest/meta-data/")]
    [InlineData("http://[2002:a9fe:a9fe::]/latest/meta-data/")]
    public async Task A_callback_to_a_private_address_is_refused_before_any_job_exists(string url)
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es", callback_url = url });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("public internet address", problem.GetProperty("errors").GetProperty("callback_url")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").EnumerateArray());
    }

    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_when_the_webhook_is_sent_is_refused_then()
    {
        // A URL accepted earlier whose name now resolves privately (re-pointed DNS): stored directly, as the API
        // would refuse it today. The connection is checked where the name is resolved, at each delivery.
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = TestServer.Settings();
        settings["Webhooks:MaxAttempts"] = "1";
        await using var server = await TestServer.StartAsync(settings);
        using var http = server.CreateHttpClient();
        var jobId = JobId.New();
        var languages = new LanguagePair(LanguageCode.Parse("en"), LanguageCode.Parse("es"));
        await server.Services.GetRequiredService<IJobRepository>().CreateAsync(
            jobId, Tenants.Default, languages, $"http://localhost:{receiver.Url.Port}/hooks/video", null, default);

        var attempt = (await Eventually.ValueAsync(async () =>
            (await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{jobId}")).GetProperty("webhook") is { ValueKind: JsonValueKind.Object } webhook &&
            webhook.GetProperty("deliveries") is { ValueKind: JsonValueKind.Array } deliveries && deliveries.GetArrayLength() > 0 &&
            deliveries[0].GetProperty("attempt_log") is { } attempts && attempts.GetArrayLength() > 0
                ? new[] { attempts[0] }
                : null, "A webhook attempt"))[0];

        Assert.Contains("no public internet address", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }
}
