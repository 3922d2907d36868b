using System.Text.Json;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Waiting;

/// <summary>Webhooks from the real server to a real receiver: signed, retried, recorded, and kept across a restart.</summary>
public sealed class WebhookTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task A_webhook_is_signed_and_retried_until_the_receiver_accepts_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var server = await TestServer.StartAsync(WebhookSettings(retryDelay: "00:00:00.05"));
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http, receiver.Url.AbsoluteUri);

        var requests = await receiver.WaitForAsync(3, TimeSpan.FromSeconds(30));

        Assert.Equal([500, 500, 204], requests.Select(r => r.AnsweredWith));
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct()); // one message, retried
        var last = requests[^1];
        var webhook = new WebhookVerifier(Secret).Verify(last.Body, name => last.Headers.GetValueOrDefault(name));
        Assert.Equal("job.completed", webhook.Type);
        Assert.Equal(jobId, webhook.Data!.Id);
        Assert.Equal(TranslationJobStatus.Completed, webhook.Data.Status);

        // The job shows the delivery and each attempt, once the dispatcher has recorded the receiver's answer: it learns
        // of it only when the answer arrives, so a read right after the receiver answered may still find it pending.
        var delivery = await Eventually.ValueAsync(
            async () => (await (await http.GetAsync($"/v1/jobs/{jobId}")).ReadJsonAsync()).GetProperty("webhook").GetProperty("deliveries")[0] is var read
                        && read.GetProperty("state").GetString() == "succeeded" ? read.GetRawText() : null,
            "the delivery recorded as succeeded");
        var attempts = JsonDocument.Parse(delivery).RootElement;
        Assert.Equal([500, 500, 204], attempts.GetProperty("attempt_log").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
    }

    [Fact]
    public async Task A_tampered_or_foreign_webhook_fails_verification()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(WebhookSettings(retryDelay: "00:00:00.05"));
        using var http = server.CreateHttpClient();
        await EventStreamTests.StartSeedJobAsync(http, receiver.Url.AbsoluteUri);
        var received = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        string? Header(string name) => received.Headers.GetValueOrDefault(name);

        var tampered = received.Body.Replace("\"completed\"", "\"error\"", StringComparison.Ordinal);
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(Secret).Verify(tampered, Header));
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier("whsec_" + Convert.ToBase64String(new byte[32])).Verify(received.Body, Header));
        var tooLate = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(Secret, tooLate).Verify(received.Body, Header));
        Assert.Equal("job.completed", new WebhookVerifier(Secret).Verify(received.Body, Header).Type);
    }

    [Fact]
    public async Task A_delivery_pending_at_shutdown_is_sent_after_a_restart()
    {
        var url = new Uri(FreePort.NothingListening(), "/hooks/video");
        using var data = new TempDirectory();
        string jobId;
        await using (var server = await TestServer.StartAsync(WebhookSettings(retryDelay: "00:00:01"), data.Path))
        {
            using var http = server.CreateHttpClient();
            jobId = await EventStreamTests.StartSeedJobAsync(http, url.AbsoluteUri);
            await WaitForAttemptsAsync(http, jobId, 1); // the receiver is down: the first attempt failed
        }

        await using var receiver = await WebhookReceiver.StartAsync(url: url);
        await using var restarted = await TestServer.StartAsync(WebhookSettings(retryDelay: "00:00:01"), data.Path);

        var received = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Equal(jobId, JsonDocument.Parse(received.Body).RootElement.GetProperty("data").GetProperty("id").GetString());
        using var check = restarted.CreateHttpClient();
        var attempts = await WaitForAttemptsAsync(check, jobId, 2);
        Assert.Equal(JsonValueKind.Null, attempts[0].GetProperty("status_code").ValueKind);
        Assert.Contains("refused", attempts[0].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(204, attempts[^1].GetProperty("status_code").GetInt32());
    }

    private static async Task<List<JsonElement>> WaitForAttemptsAsync(HttpClient http, string jobId, int count)
    {
        for (var i = 0; ; i++)
        {
            var job = await (await http.GetAsync($"/v1/jobs/{jobId}")).ReadJsonAsync();
            var deliveries = job.GetProperty("webhook").GetProperty("deliveries");
            var attempts = deliveries.GetArrayLength() == 0 ? [] : deliveries[0].GetProperty("attempt_log").EnumerateArray().ToList();
            if (attempts.Count >= count || i == 300)
            {
                Assert.True(attempts.Count >= count, $"expected {count} delivery attempts, saw {attempts.Count}");
                return attempts;
            }

            await Task.Delay(100);
        }
    }

    private static Dictionary<string, string?> WebhookSettings(string retryDelay)
    {
        var settings = TestServer.Settings();
        settings["Webhooks:Secret"] = Secret;
        settings["Webhooks:RetryBaseDelay"] = retryDelay;
        settings["Webhooks:MaxAttempts"] = "20";
        settings["Webhooks:AllowPrivateNetworks"] = "true"; // the receiver is on loopback
        return settings;
    }
}
