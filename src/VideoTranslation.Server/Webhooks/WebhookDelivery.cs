namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// A webhook message claimed for sending. <see cref="Id"/> is its <c>webhook-id</c>, the same on every retry;
/// <see cref="Tenant"/> (the job's) chooses the secret it is signed with.
/// </summary>
public sealed record WebhookDelivery(string Id, string JobId, string EventType, string Url, string? Payload, int Attempts, string Tenant);

/// <summary>A webhook message as the job shows it, with every attempt so far.</summary>
public sealed record WebhookDeliveryRecord(
    string Id, string EventType, string Url, string State, int Attempts, DateTime? NextAttemptAt, DateTime CreatedAt,
    DateTime? CompletedAt, IReadOnlyList<WebhookAttempt> AttemptLog);

/// <summary>One try at delivering: when, what the receiver answered (or the error), and how long it took.</summary>
public sealed record WebhookAttempt(int Attempt, DateTime At, int? StatusCode, string? Error, long DurationMs);
