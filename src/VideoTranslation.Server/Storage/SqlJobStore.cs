using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The job store: one table that is both the job table and the queue, on SQLite or PostgreSQL (the same SQL). Every visible change of a
/// job (state, stage, progress) bumps its version and appends an event in the same transaction, so long-polls,
/// server-sent events and webhooks all see the same history; a job reaching its end with a callback URL gets its
/// webhook delivery queued in that transaction too, so no finish is ever left unannounced.
/// </summary>
internal sealed class SqlJobStore(
    IJobDatabase database,
    IOptions<WorkerOptions> workers,
    JobSignal signal,
    JobChanges changes,
    JobCache cache,
    JobCancellations cancellations,
    WebhookSignal webhooks) : IJobRepository, IJobQueue
{
    // Column list with aliases matching JobRow, shared by every SELECT and RETURNING, in the order JobRow.Read reads them.
    private const string Columns =
        "id AS Id, source_language AS SourceLanguage, target_language AS TargetLanguage, state AS State, " +
        "attempts AS Attempts, created_at AS CreatedAt, updated_at AS UpdatedAt, completed_at AS CompletedAt, " +
        "error_message AS ErrorMessage, error_code AS ErrorCode, kind AS Kind, spec AS Spec, stage AS Stage, progress AS Progress, " +
        "started_at AS StartedAt, version AS Version, callback_url AS CallbackUrl, tenant AS Tenant";

    // The job's current state as its event number `version`: every visible change appends one. A version is recorded
    // once: a create that found its id taken appends nothing.
    private const string InsertEvent =
        """
        INSERT INTO job_events (job_id, seq, state, stage, progress, error_code, error_message, at)
        SELECT id, version, state, stage, progress, error_code, error_message, @Now FROM jobs WHERE id = @Id
        ON CONFLICT (job_id, seq) DO NOTHING;
        """;

    // A new job's row, returned; its first event; the announcement to other nodes.
    private readonly string[] insertJob =
    [
        $"""
        INSERT INTO jobs (id, source_language, target_language, state, attempts, max_attempts, available_at, created_at, updated_at, callback_url, tenant)
        VALUES (@Id, @Source, @Target, 'queued', 0, @MaxAttempts, @Now, @Now, @Now, @CallbackUrl, @Tenant)
        ON CONFLICT (id) DO NOTHING
        RETURNING {Columns};
        """,
        InsertEvent,
        .. database.PublishStatement("new") is { Length: > 0 } publish ? [publish] : Array.Empty<string>(),
    ];

    // The same as one command text, for the transaction that counts a tenant's pending jobs first.
    private string InsertJobCommand => field ??= string.Join('\n', insertJob);

    private const string HeldBy = "id = @Id AND lease_owner = @Owner AND state = 'running'";

    private readonly int maxAttempts = workers.Value.MaxAttempts;

    // The queues this process's workers take jobs from; null when they take every queue (no filter at all).
    private readonly string[]? servedQueues = workers.Value.ServesSomeQueues ? [.. workers.Value.QueueSet] : null;

    /// <summary>Creates or migrates the schema; safe to call many times.</summary>
    public Task InitializeAsync() => database.InitializeAsync();

    public async Task<CreateJobResult> CreateAsync(JobId id, string tenant, LanguagePair languages, string? callbackUrl, int? pendingLimit, CancellationToken cancellationToken)
    {
        KeyValuePair<string, object?>[] parameters =
        [
            new("Id", id.Value), new("Source", languages.Source.Value), new("Target", languages.Target.Value), new("MaxAttempts", maxAttempts),
            new("CallbackUrl", callbackUrl), new("Tenant", tenant),
        ];

        CreateJobResult Existing(JobRow row)
        {
            var existing = row.ToJob();
            return existing.Languages == languages && existing.CallbackUrl == callbackUrl && existing.Tenant == tenant
                ? new CreateJobResult.AlreadyExists(existing)
                : new CreateJobResult.Conflict(existing);
        }

        // Nothing to count first: the insert needs no transaction of its own, so it goes with the other submissions
        // (group commit). Should it find the id taken and the holder be gone by the time it is read (deleted in
        // between), one transaction settles it, as with a limit to count.
        CreateJobResult? result = null;
        if (pendingLimit is null)
        {
            result = await database.WriteCommandAsync(insertJob, parameters, JobRow.Read, cancellationToken) is { } created
                ? new CreateJobResult.Created(created.ToJob())
                : await ReadRowAsync(id, cancellationToken) is { } taken ? Existing(taken) : null;
        }

        result ??= await database.WriteAsync(async (connection, transaction, now) =>
        {
            if (await OverQuotaAsync(connection, transaction, tenant, pendingLimit, "SELECT COUNT(*) FROM jobs WHERE id = @Id;", new { Id = id.Value, Tenant = tenant }) is { } refused)
            {
                return refused;
            }

            await using var insert = database.Command(connection, transaction, InsertJobCommand);
            return await insert.Bind(parameters).Bind("Now", now).QuerySingleOrDefaultAsync(JobRow.Read) is { } inserted
                ? new CreateJobResult.Created(inserted.ToJob())
                : Existing(await connection.QuerySingleAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @Id;", new { Id = id.Value }, transaction));
        }, cancellationToken);

        if (result is CreateJobResult.Created)
        {
            signal.Notify();
        }

        return result;
    }

    public async Task<CreateJobResult> CreateVideoAsync(
        JobId id, string tenant, LanguagePair languages, VideoJobSpec spec, string? callbackUrl, string? idempotencyKey, string fingerprint,
        int? pendingLimit, CancellationToken cancellationToken)
    {
        var result = await database.WriteAsync(async (connection, transaction, now) =>
        {
            if (await OverQuotaAsync(connection, transaction, tenant, pendingLimit,
                    "SELECT COUNT(*) FROM jobs WHERE tenant = @Tenant AND idempotency_key = @Key;", new { Key = idempotencyKey, Tenant = tenant }) is { } refused)
            {
                return refused;
            }

            var inserted = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                INSERT INTO jobs (id, source_language, target_language, state, attempts, max_attempts, available_at, created_at, updated_at,
                                  kind, spec, stage, idempotency_key, request_fingerprint, callback_url, queue, tenant)
                VALUES (@Id, @Source, @Target, 'queued', 0, @MaxAttempts, @Now, @Now, @Now, 'video', @Spec, @QueuedStage, @Key, @Fingerprint, @CallbackUrl, @Queue, @Tenant)
                ON CONFLICT (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
                RETURNING {Columns};
                """,
                new
                {
                    Id = id.Value,
                    Source = languages.Source.Value,
                    Target = languages.Target.Value,
                    MaxAttempts = maxAttempts,
                    Now = now,
                    Spec = JsonSerializer.Serialize(spec),
                    QueuedStage = JobStage.Queued,
                    Key = idempotencyKey,
                    Fingerprint = fingerprint,
                    CallbackUrl = callbackUrl,
                    Queue = WorkQueues.First(JobKind.Video, spec),
                    Tenant = tenant,
                },
                transaction);
            if (inserted is not null)
            {
                await RecordChangeAsync(connection, transaction, id.Value, now, JobChange.Continues);
                await database.PublishAsync(connection, transaction, "new");
                return (CreateJobResult)new CreateJobResult.Created(inserted.ToJob());
            }

            var existing = await connection.QuerySingleAsync<(string Id, string? Fingerprint)>(
                "SELECT id, request_fingerprint FROM jobs WHERE tenant = @Tenant AND idempotency_key = @Key;", new { Key = idempotencyKey, Tenant = tenant }, transaction);
            var job = (await connection.QuerySingleAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @Id;", new { existing.Id }, transaction)).ToJob();
            return existing.Fingerprint == fingerprint ? new CreateJobResult.AlreadyExists(job) : new CreateJobResult.Conflict(job);
        }, cancellationToken);

        if (result is CreateJobResult.Created)
        {
            signal.Notify();
        }

        return result;
    }

    /// <summary>
    /// The refusal of a new job when the tenant is at <paramref name="pendingLimit"/>; null when it may have one, or when
    /// <paramref name="existingSql"/> finds the job this create would return anyway (a retried request is never refused).
    /// Counted under a per-tenant lock held to the commit, so concurrent creates on any node cannot all pass one count.
    /// </summary>
    private async Task<CreateJobResult.OverQuota?> OverQuotaAsync(
        DbConnection connection, DbTransaction transaction, string tenant, int? pendingLimit, string existingSql, object existingParameters)
    {
        if (pendingLimit is not { } limit)
        {
            return null;
        }

        await database.LockAsync(connection, transaction, "pending-jobs:" + tenant);
        var pending = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM jobs WHERE tenant = @Tenant AND state IN ('queued', 'running');", new { Tenant = tenant }, transaction);
        return pending >= limit && await connection.ExecuteScalarAsync<long>(existingSql, existingParameters, transaction) == 0
            ? new CreateJobResult.OverQuota(pending)
            : null;
    }

    /// <summary>The job from the cache when it holds it (every change empties its entry), else from the database.</summary>
    public async Task<TranslationJob?> GetAsync(JobId id, CancellationToken cancellationToken)
    {
        if (cache.TryGet(id, out var cached))
        {
            return cached;
        }

        var stamp = cache.Stamp;
        var job = (await ReadRowAsync(id, cancellationToken))?.ToJob();
        if (job is not null)
        {
            cache.Add(job, stamp);
        }

        return job;
    }

    private Task<JobRow?> ReadRowAsync(JobId id, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            await using var select = database.Command(connection, null, $"SELECT {Columns} FROM jobs WHERE id = @Id;");
            return await select.Bind("Id", id.Value).QuerySingleOrDefaultAsync(JobRow.Read);
        }, cancellationToken);

    public async Task<TranslationJob?> RenderAsync(JobId id, string queue, IReadOnlyList<string> tracks, CancellationToken cancellationToken)
    {
        var job = await database.WriteAsync(async (connection, transaction, now) =>
        {
            var updated = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                UPDATE jobs SET state = 'queued', attempts = 0, available_at = @Now, queue = @Queue, stage = @QueuedStage, progress = 0,
                    error_message = NULL, error_code = NULL, started_at = NULL, completed_at = NULL, updated_at = @Now, version = version + 1
                WHERE id = @Id AND state = 'completed' AND kind = 'video'
                RETURNING {Columns};
                """,
                new { Id = id.Value, Queue = queue, QueuedStage = JobStage.Queued, Now = now },
                transaction);
            if (updated is not null)
            {
                foreach (var track in tracks)
                {
                    // One statement a track: a list parameter is expanded on SQLite but sent as an array to PostgreSQL.
                    await connection.ExecuteAsync(
                        "UPDATE cue_tracks SET render_requested = 1 WHERE job_id = @Id AND track = @Track;", new { Id = id.Value, Track = track }, transaction);
                }
                await RecordChangeAsync(connection, transaction, id.Value, now, JobChange.Continues);
                await database.PublishAsync(connection, transaction, "new");
            }

            return updated?.ToJob();
        }, cancellationToken);

        if (job is not null)
        {
            Announce(job.Id, 0);
            signal.Notify();
        }

        return job;
    }

    public Task<long> CountPendingAsync(string tenant, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM jobs WHERE tenant = @Tenant AND state IN ('queued', 'running');", new { Tenant = tenant }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<IReadOnlyList<TranslationJob>> ListAsync(
        string tenant, JobStatus? status, (DateTimeOffset CreatedAt, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        var states = status switch
        {
            JobStatus.Pending => " AND state IN ('queued', 'running')",
            JobStatus.Completed => " AND state = 'completed'",
            JobStatus.Error => " AND state = 'failed'",
            JobStatus.Cancelled => " AND state = 'cancelled'",
            _ => "",
        };
        var page = after is null ? "" : " AND (created_at < @AfterAt OR (created_at = @AfterAt AND id < @AfterId))";
        return database.ReadAsync<IReadOnlyList<TranslationJob>>(async connection => [.. (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM jobs WHERE tenant = @Tenant{states}{page} ORDER BY created_at DESC, id DESC LIMIT @Limit;",
            new { Tenant = tenant, AfterAt = after?.CreatedAt.ToUnixTimeMilliseconds(), AfterId = after?.Id, Limit = (long)limit },
            cancellationToken: cancellationToken))).Select(row => row.ToJob())], cancellationToken);
    }

    public Task<IReadOnlyList<JobEvent>> GetEventsAsync(JobId id, long afterVersion, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<JobEvent>>(async connection =>
        {
            await using var select = database.Command(connection, null,
                "SELECT seq, state, stage, progress, error_code, error_message, at FROM job_events WHERE job_id = @Id AND seq > @After ORDER BY seq;");
            return await select.Bind("Id", id.Value).Bind("After", afterVersion).QueryAsync(ReadEvent);
        }, cancellationToken);

    /// <summary>A row of <c>job_events</c> as <see cref="GetEventsAsync"/> selects it.</summary>
    private static JobEvent ReadEvent(DbDataReader row) => new(
        row.GetInt64(0), Enum.Parse<JobState>(row.GetString(1), ignoreCase: true), NullableString(row, 2), row.GetDouble(3), NullableString(row, 4),
        NullableString(row, 5), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(6)));

    private static string? NullableString(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static long? NullableInt64(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);

    public async Task<JobRemoval> CancelAsync(JobId id, CancellationToken cancellationToken)
    {
        var (removal, deliveries) = await database.WriteAsync(async (connection, transaction, now) =>
        {
            var cancelled = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                UPDATE jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, completed_at = @Now, updated_at = @Now,
                    error_code = @Code, error_message = 'The job was cancelled at the client''s request.', version = version + 1
                WHERE id = @Id AND state IN ('queued', 'running')
                RETURNING {Columns};
                """,
                new { Id = id.Value, Now = now, Code = ErrorCodes.Cancelled },
                transaction);
            if (cancelled is not null)
            {
                await database.PublishAsync(connection, transaction, "cancel:" + id.Value);
                return ((JobRemoval)new JobRemoval.Done(cancelled.ToJob()), await RecordChangeAsync(connection, transaction, id.Value, now, JobChange.MayEnd));
            }

            var existing = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @Id;", new { Id = id.Value }, transaction);
            return (existing is null ? new JobRemoval.NotFound() : new JobRemoval.WrongState(existing.ToJob()), 0);
        }, cancellationToken);

        if (removal is JobRemoval.Done)
        {
            cancellations.Cancel(id);
            Announce(id, deliveries);
        }

        return removal;
    }

    public async Task<JobRemoval> DeleteAsync(JobId id, CancellationToken cancellationToken)
    {
        var removal = await database.WriteAsync<JobRemoval>(async (connection, transaction, _) =>
        {
            var existing = await connection.QuerySingleOrDefaultAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @Id;", new { Id = id.Value }, transaction);
            if (existing is null)
            {
                return new JobRemoval.NotFound();
            }

            var job = existing.ToJob();
            if (!job.State.IsTerminal())
            {
                return new JobRemoval.WrongState(job);
            }

            await connection.ExecuteAsync(
                """
                DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE job_id = @Id);
                DELETE FROM webhook_deliveries WHERE job_id = @Id;
                DELETE FROM job_events WHERE job_id = @Id;
                DELETE FROM cue_tracks WHERE job_id = @Id;
                DELETE FROM job_revisions WHERE job_id = @Id;
                DELETE FROM jobs WHERE id = @Id;
                """,
                new { Id = id.Value },
                transaction);
            await database.PublishAsync(connection, transaction, "job:" + id.Value);
            return new JobRemoval.Done(job);
        }, cancellationToken);

        if (removal is JobRemoval.Done)
        {
            changes.Notify(id); // waiters find it gone
        }

        return removal;
    }

    public async Task<TranslationJob?> ClaimNextAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var (claimed, abandoned, deliveries) = await database.WriteAsync(async (connection, transaction, now) =>
        {
            // A job whose worker died as often as it may be tried is failed rather than claimed again.
            List<string> abandoned;
            await using (var abandon = database.Command(connection, transaction, AbandonStatement))
            {
                abandoned = await abandon.Bind("Now", now).Bind("Code", ErrorCodes.Abandoned).QueryAsync(row => row.GetString(0));
            }

            var deliveries = 0;
            foreach (var id in abandoned)
            {
                deliveries += await RecordChangeAsync(connection, transaction, id, now, JobChange.MayEnd);
            }

            JobRow? claimed;
            await using (var claim = database.Command(connection, transaction, ClaimStatement))
            {
                claim.Bind("Owner", owner).Bind("LeaseUntil", now + (long)lease.TotalMilliseconds).Bind("Now", now);
                for (var i = 0; i < (servedQueues?.Length ?? 0); i++)
                {
                    claim.Bind("Queue" + i, servedQueues![i]);
                }

                claimed = await claim.QuerySingleOrDefaultAsync(JobRow.Read);
            }

            if (claimed is not null)
            {
                await RecordChangeAsync(connection, transaction, claimed.Id, now, JobChange.Continues);
            }

            return (claimed?.ToJob(), abandoned, deliveries);
        }, cancellationToken);

        foreach (var id in abandoned)
        {
            changes.Notify(JobId.Parse(id));
        }

        Announce(null, deliveries);
        if (claimed is not null)
        {
            changes.Notify(claimed.Id);
        }

        return claimed;
    }

    private const string AbandonStatement =
        """
        UPDATE jobs
        SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, completed_at = @Now, updated_at = @Now, version = version + 1,
            error_code = @Code,
            error_message = 'The job was abandoned after ' || attempts || ' attempts: each worker that took it stopped before finishing (crash or kill).'
        WHERE state = 'running' AND lease_expires_at <= @Now AND attempts >= max_attempts
        RETURNING id;
        """;

    // The oldest job due in a queue this process serves, taken under a lease; spelled once (its queue filter is this process's).
    private string ClaimStatement => field ??=
        $"""
        UPDATE jobs
        SET state = 'running', attempts = attempts + 1, lease_owner = @Owner, lease_expires_at = @LeaseUntil, updated_at = @Now,
            started_at = COALESCE(started_at, @Now), version = version + 1,
            lease_expiries = lease_expiries + CASE WHEN state = 'running' THEN 1 ELSE 0 END
        WHERE id = (
            SELECT id FROM jobs
            WHERE ((state = 'queued' AND available_at <= @Now) OR (state = 'running' AND lease_expires_at <= @Now)){QueueFilter}
            ORDER BY created_at, id
            LIMIT 1{database.SkipLocked})
        RETURNING {Columns};
        """;

    // Invisible to clients: a heartbeat changes nothing they see, so it neither bumps the version nor wakes waiters.
    public Task<bool> RenewLeaseAsync(JobId id, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"UPDATE jobs SET lease_expires_at = @Now + @LeaseMs WHERE {HeldBy};",
            id, owner, [new("LeaseMs", (long)lease.TotalMilliseconds)], JobChange.Unseen, wakeWorkers: false, cancellationToken);

    public Task<bool> CompleteAsync(JobId id, string owner, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'completed', lease_owner = NULL, lease_expires_at = NULL, error_message = NULL,
                stage = CASE WHEN kind = 'video' THEN @DoneStage END, progress = 1, completed_at = @Now, updated_at = @Now, version = version + 1
            WHERE {HeldBy};
            """,
            id, owner, [new("DoneStage", JobStage.Done)], JobChange.MayEnd, wakeWorkers: false, cancellationToken);

    public Task<bool> FailAsync(JobId id, string owner, string errorMessage, string? errorCode, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, error_message = @Error, error_code = @Code,
                completed_at = @Now, updated_at = @Now, version = version + 1
            WHERE {HeldBy};
            """,
            id, owner, [new("Error", errorMessage), new("Code", errorCode)], JobChange.MayEnd, wakeWorkers: false, cancellationToken);

    public Task<bool> ReportProgressAsync(JobId id, string owner, string stage, double progress, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"UPDATE jobs SET stage = @Stage, progress = @Progress, updated_at = @Now, version = version + 1 WHERE {HeldBy} AND (stage IS DISTINCT FROM @Stage OR progress <> @Progress);",
            id, owner, [new("Stage", stage), new("Progress", Math.Clamp(progress, 0, 1))], JobChange.Continues, wakeWorkers: false, cancellationToken);

    public Task<bool> RetryLaterAsync(JobId id, string owner, TimeSpan delay, string reason, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                error_message = CASE WHEN attempts >= max_attempts THEN 'Gave up after ' || attempts || ' attempts: ' || @Reason END,
                error_code = CASE WHEN attempts >= max_attempts THEN @Code END,
                completed_at = CASE WHEN attempts >= max_attempts THEN @Now END,
                available_at = @Now + @DelayMs, lease_owner = NULL, lease_expires_at = NULL, updated_at = @Now, version = version + 1
            WHERE {HeldBy};
            """,
            id, owner, [new("Reason", reason), new("DelayMs", (long)delay.TotalMilliseconds), new("Code", ErrorCodes.GaveUp)], JobChange.MayEnd, wakeWorkers: true, cancellationToken);

    public Task<bool> ReleaseAsync(JobId id, string owner, CancellationToken cancellationToken) => HandBackAsync(id, owner, null, cancellationToken);

    public Task<bool> HandOffAsync(JobId id, string owner, string queue, CancellationToken cancellationToken) => HandBackAsync(id, owner, queue, cancellationToken);

    public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"""
                SELECT MIN(due) FROM (
                    SELECT MIN(available_at) AS due FROM jobs WHERE state = 'queued'{QueueFilter}
                    UNION ALL
                    SELECT MIN(lease_expires_at) FROM jobs WHERE state = 'running'{QueueFilter}) AS due_times;
                """,
                WithQueues(null),
                cancellationToken: cancellationToken));
            return due is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        }, cancellationToken);

    /// <summary>Counts across the whole deployment, for metrics: jobs by state, jobs due now, lease expiries, pending webhooks.</summary>
    public Task<JobStatistics> GetStatisticsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var byState = (await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
                "SELECT state, COUNT(*) FROM jobs GROUP BY state;", cancellationToken: cancellationToken))).ToDictionary(r => r.State, r => r.Count);
            var due = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM jobs WHERE state = 'queued' AND available_at <= @Now;", new { Now = now }, cancellationToken: cancellationToken));
            var expiries = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT SUM(lease_expiries) FROM jobs;", cancellationToken: cancellationToken)) ?? 0;
            var webhooks = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending';", cancellationToken: cancellationToken));
            return new JobStatistics(byState, due, expiries, webhooks);
        }, cancellationToken);

    // Spelled out parameter by parameter: Dapper expands lists on SQLite but passes arrays to PostgreSQL.
    private string QueueFilter => servedQueues is null ? "" : $" AND queue IN ({string.Join(", ", servedQueues.Select((_, i) => "@Queue" + i))})";

    private DynamicParameters WithQueues(object? values)
    {
        var parameters = new DynamicParameters(values);
        for (var i = 0; i < (servedQueues?.Length ?? 0); i++)
        {
            parameters.Add("Queue" + i, servedQueues![i]);
        }

        return parameters;
    }

    /// <summary>Puts a running job back in the queue without counting the attempt, in <paramref name="queue"/> if given.</summary>
    private Task<bool> HandBackAsync(JobId id, string owner, string? queue, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'queued', attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, available_at = @Now,
                queue = COALESCE(@Queue, queue), lease_owner = NULL, lease_expires_at = NULL, updated_at = @Now, version = version + 1
            WHERE {HeldBy};
            """,
            id, owner, [new("Queue", queue)], JobChange.Continues, wakeWorkers: true, cancellationToken);

    /// <summary>
    /// Appends the job's current state as its event number <c>version</c>, and queues its webhook if the change ended
    /// the job and it has a callback URL. Returns the number of deliveries queued.
    /// </summary>
    private async Task<int> RecordChangeAsync(DbConnection connection, DbTransaction transaction, string id, long now, JobChange change)
    {
        await using (var insert = database.Command(connection, transaction, InsertEvent))
        {
            await insert.Bind("Id", id).Bind("Now", now).ExecuteAsync();
        }

        if (change != JobChange.MayEnd)
        {
            await database.PublishAsync(connection, transaction, "job:" + id);
            return 0; // a job that goes on has no webhook to send yet
        }

        var deliveries = await connection.ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (id, job_id, event_type, url, state, attempts, next_attempt_at, created_at)
            SELECT @MessageId, id, 'job.' || state, callback_url, 'pending', 0, @Now, @Now
            FROM jobs WHERE id = @Id AND callback_url IS NOT NULL AND state IN ('completed', 'failed', 'cancelled');
            """,
            new { Id = id, Now = now, MessageId = "msg_" + Guid.NewGuid().ToString("N") },
            transaction);
        await database.PublishAsync(connection, transaction, "job:" + id);
        if (deliveries > 0)
        {
            await database.PublishAsync(connection, transaction, "webhook");
        }

        return deliveries;
    }

    private async Task<bool> UpdateHeldAsync(
        string sql, JobId id, string owner, KeyValuePair<string, object?>[] values, JobChange change, bool wakeWorkers, CancellationToken cancellationToken)
    {
        var (changed, deliveries) = await database.WriteAsync(async (connection, transaction, now) =>
        {
            await using (var update = database.Command(connection, transaction, sql))
            {
                if (await update.Bind(values).Bind("Id", id.Value).Bind("Owner", owner).Bind("Now", now).ExecuteAsync() == 0)
                {
                    return (false, 0);
                }
            }

            if (wakeWorkers)
            {
                await database.PublishAsync(connection, transaction, "new");
            }

            return (true, change == JobChange.Unseen ? 0 : await RecordChangeAsync(connection, transaction, id.Value, now, change));
        }, cancellationToken);

        if (changed && change != JobChange.Unseen)
        {
            Announce(id, deliveries);
        }

        if (changed && wakeWorkers)
        {
            signal.Notify();
        }

        return changed;
    }

    /// <summary>Wakes whoever waits on the job, and the webhook dispatcher if deliveries were queued.</summary>
    private void Announce(JobId? id, int deliveries)
    {
        if (id is { } changed)
        {
            changes.Notify(changed);
        }

        if (deliveries > 0)
        {
            webhooks.Notify();
        }
    }

    /// <summary>What a write does to the job as clients see it: whether it is an event at all, and whether it may end the job (and so send its webhook).</summary>
    private enum JobChange
    {
        Unseen,
        Continues,
        MayEnd,
    }

    /// <summary>A row as Dapper reads it, or <see cref="Read"/> on the hottest paths; times are Unix milliseconds.</summary>
    private sealed class JobRow
    {
        /// <summary>The current row of a result selecting <see cref="Columns"/>, by position (in the order <see cref="Columns"/> lists them).</summary>
        public static JobRow Read(DbDataReader row) => new()
        {
            Id = row.GetString(0),
            SourceLanguage = row.GetString(1),
            TargetLanguage = row.GetString(2),
            State = row.GetString(3),
            Attempts = row.GetInt64(4),
            CreatedAt = row.GetInt64(5),
            UpdatedAt = row.GetInt64(6),
            CompletedAt = NullableInt64(row, 7),
            ErrorMessage = NullableString(row, 8),
            ErrorCode = NullableString(row, 9),
            Kind = row.GetString(10),
            Spec = NullableString(row, 11),
            Stage = NullableString(row, 12),
            Progress = row.GetDouble(13),
            StartedAt = NullableInt64(row, 14),
            Version = row.GetInt64(15),
            CallbackUrl = NullableString(row, 16),
            Tenant = row.GetString(17),
        };

        public string Id { get; init; } = "";
        public string SourceLanguage { get; init; } = "";
        public string TargetLanguage { get; init; } = "";
        public string State { get; init; } = "";
        public long Attempts { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? CompletedAt { get; init; }
        public string? ErrorMessage { get; init; }
        public string? ErrorCode { get; init; }
        public string Kind { get; init; } = "simulated";
        public string? Spec { get; init; }
        public string? Stage { get; init; }
        public double Progress { get; init; }
        public long? StartedAt { get; init; }
        public long Version { get; init; }
        public string? CallbackUrl { get; init; }
        public string Tenant { get; init; } = Tenants.Default;

        public TranslationJob ToJob() => new()
        {
            Id = JobId.Parse(Id),
            Languages = new LanguagePair(SourceLanguage == "auto" ? LanguageCode.Auto : LanguageCode.Parse(SourceLanguage), LanguageCode.Parse(TargetLanguage)),
            State = Enum.Parse<JobState>(State, ignoreCase: true),
            Attempts = (int)Attempts,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
            CompletedAt = CompletedAt is { } completed ? DateTimeOffset.FromUnixTimeMilliseconds(completed) : null,
            ErrorMessage = ErrorMessage,
            ErrorCode = ErrorCode,
            Kind = Enum.Parse<JobKind>(Kind, ignoreCase: true),
            Video = Spec is null ? null : JsonSerializer.Deserialize<VideoJobSpec>(Spec),
            Stage = Stage,
            Progress = Progress,
            StartedAt = StartedAt is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null,
            Version = Version,
            CallbackUrl = CallbackUrl,
            Tenant = Tenant,
        };
    }
}
