using Dapper;
using Npgsql;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The PostgreSQL schema: the same tables as <see cref="SqliteSchema"/>, versioned in <c>schema_version</c>. Each
/// node migrates at start under a transaction-scoped advisory lock, so nodes starting together migrate once, in turn.
/// </summary>
internal static class PostgresSchema
{
    // Any constant both nodes agree on: the lock only serializes migrations.
    private const long MigrationLock = 0x7654_7273;

    private static readonly string[] Migrations =
    [
        // 1: everything the SQLite schema has at its version 5.
        """
        CREATE TABLE jobs (
            id                  TEXT             NOT NULL PRIMARY KEY,
            source_language     TEXT             NOT NULL,
            target_language     TEXT             NOT NULL,
            state               TEXT             NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
            attempts            BIGINT           NOT NULL DEFAULT 0,
            max_attempts        BIGINT           NOT NULL,
            available_at        BIGINT           NOT NULL,
            lease_owner         TEXT             NULL,
            lease_expires_at    BIGINT           NULL,
            created_at          BIGINT           NOT NULL,
            updated_at          BIGINT           NOT NULL,
            completed_at        BIGINT           NULL,
            error_message       TEXT             NULL,
            kind                TEXT             NOT NULL DEFAULT 'simulated',
            spec                TEXT             NULL,
            stage               TEXT             NULL,
            progress            DOUBLE PRECISION NOT NULL DEFAULT 0,
            error_code          TEXT             NULL,
            started_at          BIGINT           NULL,
            idempotency_key     TEXT             NULL,
            request_fingerprint TEXT             NULL,
            version             BIGINT           NOT NULL DEFAULT 1,
            callback_url        TEXT             NULL
        );
        CREATE INDEX jobs_queued ON jobs (available_at, created_at) WHERE state = 'queued';
        CREATE INDEX jobs_running ON jobs (lease_expires_at) WHERE state = 'running';
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

        CREATE TABLE job_events (
            job_id        TEXT             NOT NULL,
            seq           BIGINT           NOT NULL,
            state         TEXT             NOT NULL,
            stage         TEXT             NULL,
            progress      DOUBLE PRECISION NOT NULL,
            error_code    TEXT             NULL,
            error_message TEXT             NULL,
            at            BIGINT           NOT NULL,
            PRIMARY KEY (job_id, seq)
        );

        CREATE TABLE webhook_deliveries (
            id               TEXT   NOT NULL PRIMARY KEY,
            job_id           TEXT   NOT NULL,
            event_type       TEXT   NOT NULL,
            url              TEXT   NOT NULL,
            payload          TEXT   NULL,
            state            TEXT   NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
            attempts         BIGINT NOT NULL DEFAULT 0,
            next_attempt_at  BIGINT NOT NULL,
            lease_owner      TEXT   NULL,
            lease_expires_at BIGINT NULL,
            created_at       BIGINT NOT NULL,
            completed_at     BIGINT NULL
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
        CREATE INDEX webhook_deliveries_job ON webhook_deliveries (job_id);

        CREATE TABLE webhook_attempts (
            delivery_id TEXT   NOT NULL,
            attempt     BIGINT NOT NULL,
            at          BIGINT NOT NULL,
            status_code BIGINT NULL,
            error       TEXT   NULL,
            duration_ms BIGINT NOT NULL,
            PRIMARY KEY (delivery_id, attempt)
        );

        CREATE TABLE settings (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,

        // 2: as SQLite's 6.
        "ALTER TABLE jobs ADD COLUMN lease_expiries BIGINT NOT NULL DEFAULT 0;",

        // 3: as SQLite's 7.
        """
        ALTER TABLE jobs ADD COLUMN queue TEXT NOT NULL DEFAULT 'simulated';
        UPDATE jobs SET queue = CASE WHEN spec LIKE '%"SourceSubtitlesExtension":"%' THEN 'translation' ELSE 'recognition' END WHERE kind = 'video';
        CREATE TABLE workers (
            id           TEXT   NOT NULL PRIMARY KEY,
            host         TEXT   NOT NULL,
            process_id   BIGINT NOT NULL,
            queues       TEXT   NOT NULL,
            concurrency  BIGINT NOT NULL,
            started_at   BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL
        );
        """,

        // 4: as SQLite's 8.
        """
        ALTER TABLE jobs ADD COLUMN tenant TEXT NOT NULL DEFAULT 'default';
        DROP INDEX jobs_idempotency_key;
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX jobs_tenant_created ON jobs (tenant, created_at, id);
        CREATE TABLE api_keys (
            id           TEXT   NOT NULL PRIMARY KEY,
            tenant       TEXT   NOT NULL,
            name         TEXT   NOT NULL,
            secret_hash  TEXT   NOT NULL,
            admin        BIGINT NOT NULL,
            created_at   BIGINT NOT NULL,
            revoked_at   BIGINT NULL
        );
        """,
        // 5: as SQLite's 9.
        """
        CREATE TABLE cue_tracks (
            job_id           TEXT   NOT NULL,
            track            TEXT   NOT NULL,
            version          BIGINT NOT NULL,
            rendered_version BIGINT NOT NULL,
            revision         BIGINT NOT NULL,
            render_requested BIGINT NOT NULL DEFAULT 0,
            cues             TEXT   NOT NULL,
            updated_at       BIGINT NOT NULL,
            PRIMARY KEY (job_id, track)
        );
        CREATE TABLE job_revisions (
            job_id      TEXT    NOT NULL,
            revision    BIGINT  NOT NULL,
            rendered_at BIGINT  NOT NULL,
            changes     TEXT    NOT NULL,
            PRIMARY KEY (job_id, revision)
        );
        """,
    ];

    public static async Task MigrateAsync(NpgsqlConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Lock);", new { Lock = MigrationLock }, transaction);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);", transaction: transaction);
        var version = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM schema_version;", transaction: transaction) ?? 0;
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The job database is at schema version {version}, newer than this build knows ({Migrations.Length}). Upgrade vts.");
        }

        for (var next = (int)version; next < Migrations.Length; next++)
        {
            await connection.ExecuteAsync(Migrations[next], transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@Version);", new { Version = next + 1 }, transaction);
        }

        await transaction.CommitAsync();
    }
}
