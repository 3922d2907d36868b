using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Storage;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.Webhooks;

/// <summary>The Standard Webhooks envelope: the event type, when it happened, and the job resource as <c>GET /v1/jobs/{id}</c> shows it.</summary>
internal sealed class WebhookBodyWriter(IJobRepository jobs, JobResources resources, IOptions<JsonOptions> json, TimeProvider clock) : IWebhookBodyWriter
{
    public async Task<string> WriteAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(JobId.Parse(delivery.JobId), cancellationToken);
        var data = job is null ? null : await resources.CreateAsync(job, cancellationToken);
        return JsonSerializer.Serialize(
            new WebhookPayload(delivery.EventType, job?.CompletedAt?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime, data),
            json.Value.SerializerOptions);
    }
}
