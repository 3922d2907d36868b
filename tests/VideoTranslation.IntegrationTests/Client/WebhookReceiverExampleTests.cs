using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Client;

/// <summary>
/// The client guide's webhook receiver (<c>examples/WebhookReceiver</c>) as its own process against the real server:
/// a translated video's webhook arrives, is verified, and the receiver downloads the subtitles it names.
/// </summary>
public sealed class WebhookReceiverExampleTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_example_receiver_verifies_the_webhook_and_fetches_the_subtitles()
    {
        var settings = TestServer.Settings();
        settings["Webhooks:AllowPrivateNetworks"] = "true"; // the receiver listens on loopback
        await using var server = await TestServer.StartAsync(settings);
        using var http = server.CreateHttpClient();
        var secret = (await http.GetFromJsonAsync<JsonElement>("/v1/webhooks/secret")).GetProperty("secret").GetString()!;

        var receiverUrl = new Uri($"http://127.0.0.1:{FreePort.Number()}");
        using var receiver = StartReceiver(receiverUrl, secret, server.BaseAddress);
        try
        {
            using var probe = new HttpClient { BaseAddress = receiverUrl };
            var forged = await Eventually.ValueAsync(
                async () =>
                {
                    try
                    {
                        return await probe.PostAsync("/video-jobs", new StringContent("{}"));
                    }
                    catch (HttpRequestException) when (!receiver.HasExited)
                    {
                        return null; // not listening yet
                    }
                },
                "the receiver listening");
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no signature: refused

            var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
            using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
            var options = new VideoTranslationOptions { TargetLanguages = { "es" }, CallbackUrl = new Uri(receiverUrl, "/video-jobs") };
            var job = await client.StartVideoTranslationAsync(video, options);

            // The receiver answers 204 once its download is done, and the server records that answer.
            var log = await Eventually.ValueAsync(
                async () => (await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job.Id}")).GetProperty("webhook").GetProperty("deliveries").EnumerateArray()
                    .Where(delivery => delivery.GetProperty("state").GetString() == "succeeded")
                    .Select(delivery => delivery.GetProperty("attempt_log").EnumerateArray().ToList())
                    .FirstOrDefault(),
                "the delivery recorded",
                seconds: 180);
            var subtitles = Path.Combine(Path.GetTempPath(), $"{job.Id}.es.srt");
            try
            {
                Assert.Contains("casa", await File.ReadAllTextAsync(subtitles), StringComparison.OrdinalIgnoreCase);
            }
            finally
            {
                File.Delete(subtitles);
            }

            // Accepted (204) at the first attempt.
            Assert.Single(log);
            Assert.Equal(204, log[0].GetProperty("status_code").GetInt32());
        }
        finally
        {
            receiver.Kill(entireProcessTree: true);
            await receiver.WaitForExitAsync();
        }
    }

    private static Process StartReceiver(Uri url, string secret, Uri server)
    {
        // Built beside its sources in this test run's configuration (the test project references it for the build order).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/CONFIGURATION/net10.0/
        var dll = Path.Combine(Repository.Root, "examples", "WebhookReceiver", "bin", configuration, "net10.0", "WebhookReceiver.dll");
        var info = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", url.ToString() }, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["VTS_WEBHOOK_SECRET"] = secret;
        info.Environment["VTS_SERVER"] = server.ToString();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, line) => Console.WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => Console.WriteLine(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
