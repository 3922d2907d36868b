using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Queue;

namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// Sends queued webhooks: POSTs the job resource, signed per Standard Webhooks, to the job's <c>callback_url</c>.
/// A failure (no answer, a timeout, anything but 2xx) is retried with exponential backoff and jitter up to
/// <see cref="WebhookOptions.MaxAttempts"/>; <c>410 Gone</c> stops at once, as the spec asks. Deliveries live in the
/// database, so those pending at a restart are sent after it. Idle, it sleeps until a delivery is queued or due.
/// </summary>
internal sealed partial class WebhookDispatcher(
    SqlWebhookStore store,
    IWebhookBodyWriter bodies,
    WebhookSecret secret,
    WebhookSignal signal,
    IHttpClientFactory httpClients,
    ProcessInstance instance,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "Webhooks";

    private readonly WebhookOptions settings = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(slot => RunSlotAsync(instance.Slot("webhooks", slot), stoppingToken)));

    private Task RunSlotAsync(string owner, CancellationToken stoppingToken) => ClaimLoop.RunAsync(
        signal,
        async cancellationToken =>
        {
            if (await store.ClaimDueAsync(owner, settings.Timeout * 3, cancellationToken) is not { } delivery)
            {
                return false;
            }

            try
            {
                await DeliverAsync(delivery, owner, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await store.ReleaseAsync(delivery, owner);
                throw;
            }

            return true;
        },
        store.GetNextDueTimeAsync,
        TimeSpan.FromMinutes(1),
        clock,
        LogStoreError,
        stoppingToken);

    private async Task DeliverAsync(WebhookDelivery delivery, string owner, CancellationToken stoppingToken)
    {
        using var scope = logger.BeginScope("Job {JobId}", delivery.JobId);
        var payload = delivery.Payload ?? await bodies.WriteAsync(delivery, stoppingToken);
        var attempt = delivery.Attempts + 1;
        var started = clock.GetTimestamp();
        var at = clock.GetUtcNow();
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            var timestamp = at.ToUnixTimeSeconds();
            request.Headers.Add("webhook-id", delivery.Id);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", await secret.SignAsync(delivery.Tenant, delivery.Id, timestamp, payload, stoppingToken));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"The receiver answered {status} {response.ReasonPhrase}.";
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = $"No answer within {settings.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }

        var delivered = error is null;
        var retryAt = delivered || status == (int)HttpStatusCode.Gone || attempt >= settings.MaxAttempts ? (DateTimeOffset?)null : clock.GetUtcNow() + RetryDelay(attempt);
        var record = new WebhookAttempt(attempt, at.UtcDateTime, status, error, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        await store.RecordAttemptAsync(delivery, owner, payload, record, delivered, retryAt, CancellationToken.None);
        if (delivered)
        {
            LogDelivered(delivery.EventType, delivery.Url, attempt, status!.Value);
        }
        else if (retryAt is { } next)
        {
            LogRetrying(delivery.EventType, delivery.Url, attempt, error!, (next - clock.GetUtcNow()).TotalSeconds);
        }
        else
        {
            LogGaveUp(delivery.EventType, delivery.Url, attempt, error!);
        }
    }

    /// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread but never come at once.</summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var full = Math.Min(settings.MaxRetryDelay.TotalSeconds, settings.RetryBaseDelay.TotalSeconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromSeconds((full / 2) + (Random.Shared.NextDouble() * full / 2));
    }

    [LoggerMessage(LogLevel.Information, "Webhook {EventType} delivered to {Url} (attempt {Attempt}, HTTP {Status})")]
    private partial void LogDelivered(string eventType, string url, int attempt, int status);

    [LoggerMessage(LogLevel.Warning, "Webhook {EventType} to {Url} failed (attempt {Attempt}): {Error}; retrying in {DelaySeconds:0.0} s")]
    private partial void LogRetrying(string eventType, string url, int attempt, string error, double delaySeconds);

    [LoggerMessage(LogLevel.Error, "Webhook {EventType} to {Url} failed (attempt {Attempt}): {Error}; giving up")]
    private partial void LogGaveUp(string eventType, string url, int attempt, string error);

    [LoggerMessage(LogLevel.Error, "Webhook dispatcher could not reach the database; retrying in 1 s")]
    private partial void LogStoreError(Exception exception);
}
