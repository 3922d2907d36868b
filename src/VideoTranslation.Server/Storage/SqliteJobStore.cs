using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The embedded job store: one SQLite file that is both the job table and the queue.
/// Writes go through a single in-process writer (SQLite allows one writer at a time; queueing them here
/// avoids busy-retry storms), reads run concurrently thanks to WAL.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is deliberately never disposed; see the field.")]
internal sealed class SqliteJobStore : IJobRepository, IJobQueue
{
    // Column list with aliases matching JobRow, shared by every SELECT and RETURNING.
    private const string Columns =
        "id AS Id, source_language AS SourceLanguage, target_language AS TargetLanguage, state AS State, " +
        "attempts AS Attempts, created_at AS CreatedAt, updated_at AS UpdatedAt, completed_at AS CompletedAt, " +
        "error_message AS ErrorMessage, error_code AS ErrorCode, kind AS Kind, spec AS Spec, stage AS Stage, progress AS Progress, started_at AS StartedAt";

    private const string HeldBy = "id = @Id AND lease_owner = @Owner AND state = 'running'";

    // Never disposed on purpose: it holds no OS handle (its wait handle is never asked for), and a worker
    // may still be releasing it while the host tears the container down after a failed start.
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly Lazy<Task> schema;
    private readonly string connectionString;
    private readonly TimeProvider clock;
    private readonly JobSignal signal;
    private readonly JobChanges changes;
    private readonly int maxAttempts;

    public SqliteJobStore(IOptions<StorageOptions> storage, IOptions<WorkerOptions> workers, TimeProvider clock, JobSignal signal, JobChanges changes)
    {
        this.changes = changes;
        var path = storage.Value.DatabasePath;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        this.clock = clock;
        this.signal = signal;
        maxAttempts = workers.Value.MaxAttempts;
        schema = new Lazy<Task>(() => Task.Run(() =>
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                SqliteSchema.Migrate(connection);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
            {
                throw new InvalidOperationException(
                    $"Cannot use the job database at {path}: {ex.Message} Check Storage:DataDirectory (--data).", ex);
            }
        }));
    }

    /// <summary>Creates or migrates the schema; safe to call many times.</summary>
    public Task InitializeAsync() => schema.Value;

    public async Task<CreateJobResult> CreateAsync(JobId id, LanguagePair languages, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(async (connection, transaction, now) =>
        {
            var inserted = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                INSERT INTO jobs (id, source_language, target_language, state, attempts, max_attempts, available_at, created_at, updated_at)
                VALUES (@Id, @Source, @Target, 'queued', 0, @MaxAttempts, @Now, @Now, @Now)
                ON CONFLICT (id) DO NOTHING
                RETURNING {Columns};
                """,
                new { Id = id.Value, Source = languages.Source.Value, Target = languages.Target.Value, MaxAttempts = maxAttempts, Now = now },
                transaction);
            if (inserted is not null)
            {
                return (CreateJobResult)new CreateJobResult.Created(inserted.ToJob());
            }

            var existing = (await connection.QuerySingleAsync<JobRow>(
                $"SELECT {Columns} FROM jobs WHERE id = @Id;", new { Id = id.Value }, transaction)).ToJob();
            return existing.Languages == languages
                ? new CreateJobResult.AlreadyExists(existing)
                : new CreateJobResult.Conflict(existing);
        }, cancellationToken);

        if (result is CreateJobResult.Created)
        {
            signal.Notify();
        }

        return result;
    }

    public async Task<CreateJobResult> CreateVideoAsync(
        JobId id, LanguagePair languages, VideoJobSpec spec, string? idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(async (connection, transaction, now) =>
        {
            var inserted = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                INSERT INTO jobs (id, source_language, target_language, state, attempts, max_attempts, available_at, created_at, updated_at,
                                  kind, spec, stage, idempotency_key, request_fingerprint)
                VALUES (@Id, @Source, @Target, 'queued', 0, @MaxAttempts, @Now, @Now, @Now, 'video', @Spec, 'queued', @Key, @Fingerprint)
                ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
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
                    Key = idempotencyKey,
                    Fingerprint = fingerprint,
                },
                transaction);
            if (inserted is not null)
            {
                return (CreateJobResult)new CreateJobResult.Created(inserted.ToJob());
            }

            var existing = await connection.QuerySingleAsync<(string Id, string? Fingerprint)>(
                "SELECT id, request_fingerprint FROM jobs WHERE idempotency_key = @Key;", new { Key = idempotencyKey }, transaction);
            var job = (await connection.QuerySingleAsync<JobRow>($"SELECT {Columns} FROM jobs WHERE id = @Id;", new { existing.Id }, transaction)).ToJob();
            return existing.Fingerprint == fingerprint ? new CreateJobResult.AlreadyExists(job) : new CreateJobResult.Conflict(job);
        }, cancellationToken);

        if (result is CreateJobResult.Created)
        {
            signal.Notify();
        }

        return result;
    }

    public async Task<TranslationJob?> GetAsync(JobId id, CancellationToken cancellationToken)
    {
        await schema.Value;
        await using var connection = await OpenAsync(forWriting: false, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM jobs WHERE id = @Id;", new { Id = id.Value }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    public async Task<TranslationJob?> ClaimNextAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = await WriteAsync(async (connection, transaction, now) =>
        {
            // A job whose worker died as often as it may be tried is failed rather than claimed again.
            await connection.ExecuteAsync(
                """
                UPDATE jobs
                SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, completed_at = @Now, updated_at = @Now,
                    error_message = 'The job was abandoned after ' || attempts || ' attempts: each worker that took it stopped before finishing (crash or kill).'
                WHERE state = 'running' AND lease_expires_at <= @Now AND attempts >= max_attempts;
                """,
                new { Now = now },
                transaction);

            var claimed = await connection.QuerySingleOrDefaultAsync<JobRow>(
                $"""
                UPDATE jobs
                SET state = 'running', attempts = attempts + 1, lease_owner = @Owner, lease_expires_at = @LeaseUntil, updated_at = @Now,
                    started_at = COALESCE(started_at, @Now)
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE (state = 'queued' AND available_at <= @Now) OR (state = 'running' AND lease_expires_at <= @Now)
                    ORDER BY created_at, id
                    LIMIT 1)
                RETURNING {Columns};
                """,
                new { Owner = owner, LeaseUntil = now + (long)lease.TotalMilliseconds, Now = now },
                transaction);
            return claimed?.ToJob();
        }, cancellationToken);
        if (claimed is not null)
        {
            changes.Notify(claimed.Id);
        }

        return claimed;
    }

    public Task<bool> RenewLeaseAsync(JobId id, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"UPDATE jobs SET lease_expires_at = @Now + @LeaseMs, updated_at = @Now WHERE {HeldBy};",
            id, owner, new { LeaseMs = (long)lease.TotalMilliseconds }, notify: false, cancellationToken);

    public Task<bool> CompleteAsync(JobId id, string owner, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'completed', lease_owner = NULL, lease_expires_at = NULL, error_message = NULL,
                stage = CASE WHEN kind = 'video' THEN 'done' END, progress = 1, completed_at = @Now, updated_at = @Now
            WHERE {HeldBy};
            """,
            id, owner, null, notify: false, cancellationToken);

    public Task<bool> FailAsync(JobId id, string owner, string errorMessage, string? errorCode, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, error_message = @Error, error_code = @Code,
                completed_at = @Now, updated_at = @Now
            WHERE {HeldBy};
            """,
            id, owner, new { Error = errorMessage, Code = errorCode }, notify: false, cancellationToken);

    public Task<bool> ReportProgressAsync(JobId id, string owner, string stage, double progress, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"UPDATE jobs SET stage = @Stage, progress = @Progress, updated_at = @Now WHERE {HeldBy};",
            id, owner, new { Stage = stage, Progress = Math.Clamp(progress, 0, 1) }, notify: false, cancellationToken);

    public Task<bool> RetryLaterAsync(JobId id, string owner, TimeSpan delay, string reason, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                error_message = CASE WHEN attempts >= max_attempts THEN 'Gave up after ' || attempts || ' attempts: ' || @Reason END,
                completed_at = CASE WHEN attempts >= max_attempts THEN @Now END,
                available_at = @Now + @DelayMs, lease_owner = NULL, lease_expires_at = NULL, updated_at = @Now
            WHERE {HeldBy};
            """,
            id, owner, new { Reason = reason, DelayMs = (long)delay.TotalMilliseconds }, notify: true, cancellationToken);

    public Task<bool> ReleaseAsync(JobId id, string owner, CancellationToken cancellationToken) =>
        UpdateHeldAsync(
            $"""
            UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), available_at = @Now,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = @Now
            WHERE {HeldBy};
            """,
            id, owner, null, notify: true, cancellationToken);

    public async Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken)
    {
        await schema.Value;
        await using var connection = await OpenAsync(forWriting: false, cancellationToken);
        var due = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT MIN(due) FROM (
                SELECT MIN(available_at) AS due FROM jobs WHERE state = 'queued'
                UNION ALL
                SELECT MIN(lease_expires_at) FROM jobs WHERE state = 'running');
            """,
            cancellationToken: cancellationToken));
        return due is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private async Task<bool> UpdateHeldAsync(string sql, JobId id, string owner, object? extra, bool notify, CancellationToken cancellationToken)
    {
        var changed = await WriteAsync(async (connection, transaction, now) =>
        {
            var parameters = new DynamicParameters(extra);
            parameters.AddDynamicParams(new { Id = id.Value, Owner = owner, Now = now });
            return await connection.ExecuteAsync(sql, parameters, transaction) > 0;
        }, cancellationToken);

        if (changed)
        {
            changes.Notify(id);
        }

        if (changed && notify)
        {
            signal.Notify();
        }

        return changed;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, long, Task<T>> work, CancellationToken cancellationToken)
    {
        await schema.Value;
        await writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(forWriting: true, cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction, clock.GetUtcNow().ToUnixTimeMilliseconds());
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(bool forWriting, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (forWriting)
        {
            // NORMAL under WAL syncs at checkpoints, not every commit: a killed process loses nothing
            // (the WAL is in the OS's hands); only a power cut may lose the last commits.
            await connection.ExecuteAsync("PRAGMA synchronous = NORMAL;");
        }

        return connection;
    }

    /// <summary>A row as Dapper reads it; times are Unix milliseconds.</summary>
    private sealed class JobRow
    {
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
        };
    }
}
