using Dapper;
using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// Webhook deliveries in the job database: queued by the job store in the transaction that ends a job, claimed
/// with a lease like jobs (so a crash mid-send is retried, and several nodes never send one twice at once), and
/// every attempt recorded.
/// </summary>
internal sealed class SqlWebhookStore(IJobDatabase database)
{
    public Task<WebhookDelivery?> ClaimDueAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, now) => (await connection.QuerySingleOrDefaultAsync<ClaimRow>(
            $"""
            UPDATE webhook_deliveries SET lease_owner = @Owner, lease_expires_at = @Now + @LeaseMs
            WHERE id = (
                SELECT id FROM webhook_deliveries
                WHERE state = 'pending' AND next_attempt_at <= @Now AND (lease_expires_at IS NULL OR lease_expires_at <= @Now)
                ORDER BY next_attempt_at
                LIMIT 1{database.SkipLocked})
            RETURNING id AS Id, job_id AS JobId, event_type AS EventType, url AS Url, payload AS Payload, attempts AS Attempts,
                      (SELECT tenant FROM jobs WHERE jobs.id = webhook_deliveries.job_id) AS Tenant;
            """,
            new { Owner = owner, Now = now, LeaseMs = (long)lease.TotalMilliseconds },
            transaction))?.ToDelivery(), cancellationToken);

    /// <summary>
    /// Records an attempt and what follows: delivered, tried again at <paramref name="retryAt"/>, or given up (null).
    /// The payload is kept from the first attempt on, so every retry sends the same bytes.
    /// </summary>
    public Task RecordAttemptAsync(
        WebhookDelivery delivery, string owner, string payload, WebhookAttempt attempt, bool delivered, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, now) => await connection.ExecuteAsync(
                """
                INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
                VALUES (@Id, @Attempt, @At, @StatusCode, @Error, @DurationMs);
                UPDATE webhook_deliveries
                SET payload = COALESCE(payload, @Payload), attempts = @Attempt, lease_owner = NULL, lease_expires_at = NULL,
                    state = CASE WHEN @Delivered THEN 'succeeded' WHEN CAST(@RetryAt AS BIGINT) IS NULL THEN 'failed' ELSE 'pending' END,
                    next_attempt_at = COALESCE(CAST(@RetryAt AS BIGINT), next_attempt_at),
                    completed_at = CASE WHEN @Delivered OR CAST(@RetryAt AS BIGINT) IS NULL THEN @Now END
                WHERE id = @Id AND lease_owner = @Owner;
                """,
                new
                {
                    delivery.Id,
                    Owner = owner,
                    Payload = payload,
                    attempt.Attempt,
                    At = new DateTimeOffset(attempt.At).ToUnixTimeMilliseconds(),
                    attempt.StatusCode,
                    attempt.Error,
                    attempt.DurationMs,
                    Delivered = delivered,
                    RetryAt = retryAt?.ToUnixTimeMilliseconds(),
                    Now = now,
                },
                transaction),
            cancellationToken);

    /// <summary>Gives a claimed delivery back untried (this process is shutting down), so another sender takes it at once.</summary>
    public Task ReleaseAsync(WebhookDelivery delivery, string owner) =>
        database.WriteAsync(
            async (connection, transaction, _) => await connection.ExecuteAsync(
                "UPDATE webhook_deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE id = @Id AND lease_owner = @Owner;",
                new { delivery.Id, Owner = owner },
                transaction),
            CancellationToken.None);

    /// <summary>When the next delivery falls due (a retry, or a dead sender's lease running out); null if none.</summary>
    public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                SELECT MIN(CASE WHEN lease_expires_at > next_attempt_at THEN lease_expires_at ELSE next_attempt_at END)
                FROM webhook_deliveries WHERE state = 'pending';
                """,
                cancellationToken: cancellationToken));
            return due is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        }, cancellationToken);

    public Task<IReadOnlyList<WebhookDeliveryRecord>> ListForJobAsync(JobId id, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<WebhookDeliveryRecord>>(async connection =>
        {
            var deliveries = (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(
                """
                SELECT id AS Id, event_type AS EventType, url AS Url, state AS State, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
                       created_at AS CreatedAt, completed_at AS CompletedAt
                FROM webhook_deliveries WHERE job_id = @Id ORDER BY created_at;
                """,
                new { Id = id.Value },
                cancellationToken: cancellationToken))).ToList();
            var attempts = (await connection.QueryAsync<AttemptRow>(new CommandDefinition(
                """
                SELECT a.delivery_id AS DeliveryId, a.attempt AS Attempt, a.at AS At, a.status_code AS StatusCode, a.error AS Error, a.duration_ms AS DurationMs
                FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
                WHERE d.job_id = @Id ORDER BY a.attempt;
                """,
                new { Id = id.Value },
                cancellationToken: cancellationToken))).ToLookup(a => a.DeliveryId);
            return [.. deliveries.Select(d => d.ToRecord([.. attempts[d.Id].Select(a => a.ToAttempt())]))];
        }, cancellationToken);

    private sealed class ClaimRow
    {
        public string Id { get; init; } = "";
        public string JobId { get; init; } = "";
        public string EventType { get; init; } = "";
        public string Url { get; init; } = "";
        public string? Payload { get; init; }
        public long Attempts { get; init; }
        public string? Tenant { get; init; }

        public WebhookDelivery ToDelivery() => new(Id, JobId, EventType, Url, Payload, (int)Attempts, Tenant ?? Tenants.Default);
    }

    private sealed class DeliveryRow
    {
        public string Id { get; init; } = "";
        public string EventType { get; init; } = "";
        public string Url { get; init; } = "";
        public string State { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
        public long CreatedAt { get; init; }
        public long? CompletedAt { get; init; }

        public WebhookDeliveryRecord ToRecord(IReadOnlyList<WebhookAttempt> attempts) => new(
            Id, EventType, Url, State, (int)Attempts,
            State == "pending" ? DateTime.UnixEpoch.AddMilliseconds(NextAttemptAt) : null,
            DateTime.UnixEpoch.AddMilliseconds(CreatedAt),
            CompletedAt is { } completed ? DateTime.UnixEpoch.AddMilliseconds(completed) : null,
            attempts);
    }

    private sealed class AttemptRow
    {
        public string DeliveryId { get; init; } = "";
        public long Attempt { get; init; }
        public long At { get; init; }
        public long? StatusCode { get; init; }
        public string? Error { get; init; }
        public long DurationMs { get; init; }

        public WebhookAttempt ToAttempt() => new((int)Attempt, DateTime.UnixEpoch.AddMilliseconds(At), (int?)StatusCode, Error, DurationMs);
    }
}
