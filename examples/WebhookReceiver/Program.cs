// Receives VideoTranslation's job webhooks: checks each signature, drops retries of a message already handled, and
// downloads the subtitles of each completed job. See docs/client-guide.md.
//   VTS_WEBHOOK_SECRET=$(./vts webhook-secret) dotnet run --project examples/WebhookReceiver -- --urls http://0.0.0.0:5080
// then start jobs with callback_url=https://your-host.example/video-jobs (the server only calls public addresses).
using System.Collections.Concurrent;
using VideoTranslation.Client;

var builder = WebApplication.CreateSlimBuilder(args);
var secret = builder.Configuration["VTS_WEBHOOK_SECRET"]
             ?? throw new InvalidOperationException("Set VTS_WEBHOOK_SECRET to the secret `vts webhook-secret` (or GET /v1/webhooks/secret) prints.");
var server = new Uri(builder.Configuration["VTS_SERVER"] ?? "http://127.0.0.1:8000");
builder.Services.AddVideoTranslationClient(server, config => config.ApiKey = builder.Configuration["VTS_API_KEY"]);

var app = builder.Build();
var verifier = new WebhookVerifier(secret);
var handled = new ConcurrentDictionary<string, DateTimeOffset>(); // a real receiver keeps these in its database

app.MapPost("/video-jobs", async (HttpRequest request, VideoTranslationClient client, ILogger<WebhookVerifier> log, CancellationToken cancellationToken) =>
{
    // Verify the raw body exactly as received: parsing and re-serializing it would change the signed bytes.
    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync(cancellationToken);
    JobWebhook webhook;
    try
    {
        webhook = verifier.Verify(body, name => request.Headers[name]);
    }
    catch (WebhookVerificationException ex)
    {
        log.LogWarning("Refused a webhook: {Reason}", ex.Message);
        return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
    }

    // Every retry of one message has the same webhook-id: answer 2xx again, do the work once.
    if (!handled.TryAdd(webhook.Id, webhook.Timestamp) || webhook.Data is not { } job)
    {
        return Results.NoContent();
    }

    if (log.IsEnabled(LogLevel.Information))
    {
        log.LogInformation("{Type}: job {Job} ({File})", webhook.Type, job.Id, job.FileName);
    }

    if (webhook.Type == "job.completed")
    {
        foreach (var language in job.TargetLanguages)
        {
            await client.DownloadArtifactAsync(job.Id, $"{language}.srt", Path.Combine(Path.GetTempPath(), $"{job.Id}.{language}.srt"), cancellationToken);
        }
    }

    return Results.NoContent();
});

app.Run();
