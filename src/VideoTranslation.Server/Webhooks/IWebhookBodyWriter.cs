namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// Writes the body of a webhook when it is first sent (later attempts resend the same bytes). The API supplies it
/// (<c>Api/Webhooks/WebhookBodyWriter</c>): the body is the job as the API shows it, and the dispatcher only sends.
/// </summary>
public interface IWebhookBodyWriter
{
    Task<string> WriteAsync(WebhookDelivery delivery, CancellationToken cancellationToken);
}
