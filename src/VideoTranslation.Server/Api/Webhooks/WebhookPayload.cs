using VideoTranslation.Server.Api.V1;

namespace VideoTranslation.Server.Api.Webhooks;

/// <summary>A webhook's body: <c>{"type": "job.completed", "timestamp": "...", "data": {job}}</c>.</summary>
public sealed record WebhookPayload(string Type, DateTime Timestamp, JobResource? Data);
