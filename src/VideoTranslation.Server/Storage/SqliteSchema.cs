using Microsoft.Data.Sqlite;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The SQLite schema, versioned through <c>PRAGMA user_version</c>: each migration runs once, in order,
/// inside one write transaction, so a half-applied migration never persists.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the jobs table, which is also the queue. Times are Unix milliseconds (UTC).
        """
        CREATE TABLE jobs (
            id               TEXT    NOT NULL PRIMARY KEY,
            source_language  TEXT    NOT NULL,
            target_language  TEXT    NOT NULL,
            state            TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            max_attempts     INTEGER NOT NULL,
            available_at     INTEGER NOT NULL,
            lease_owner      TEXT    NULL,
            lease_expires_at INTEGER NULL,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL,
            completed_at     INTEGER NULL,
            error_message    TEXT    NULL
        );
        CREATE INDEX jobs_queued ON jobs (available_at, created_at) WHERE state = 'queued';
        CREATE INDEX jobs_running ON jobs (lease_expires_at) WHERE state = 'running';
        """,

        // 2: video jobs (v1 API) in the same table: what was asked, and how far the job is.
        """
        ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'simulated';
        ALTER TABLE jobs ADD COLUMN spec TEXT NULL;
        ALTER TABLE jobs ADD COLUMN stage TEXT NULL;
        ALTER TABLE jobs ADD COLUMN progress REAL NOT NULL DEFAULT 0;
        ALTER TABLE jobs ADD COLUMN error_code TEXT NULL;
        """,

        // 3: when a job first started, for time estimates.
        "ALTER TABLE jobs ADD COLUMN started_at INTEGER NULL;",

        // 4: Idempotency-Key on uploads: one job per key, and what the request was, to tell a retry from a reuse.
        """
        ALTER TABLE jobs ADD COLUMN idempotency_key TEXT NULL;
        ALTER TABLE jobs ADD COLUMN request_fingerprint TEXT NULL;
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """,

        // 5: cancelled jobs (SQLite cannot alter a CHECK constraint, so the table is rebuilt), a version per job
        // counting its visible changes, the changes themselves as events (server-sent events replay them on
        // reconnect), webhooks with every delivery attempt, and server settings such as the webhook secret.
        """
        CREATE TABLE jobs_v5 (
            id                  TEXT    NOT NULL PRIMARY KEY,
            source_language     TEXT    NOT NULL,
            target_language     TEXT    NOT NULL,
            state               TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
            attempts            INTEGER NOT NULL DEFAULT 0,
            max_attempts        INTEGER NOT NULL,
            available_at        INTEGER NOT NULL,
            lease_owner         TEXT    NULL,
            lease_expires_at    INTEGER NULL,
            created_at          INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL,
            completed_at        INTEGER NULL,
            error_message       TEXT    NULL,
            kind                TEXT    NOT NULL DEFAULT 'simulated',
            spec                TEXT    NULL,
            stage               TEXT    NULL,
            progress            REAL    NOT NULL DEFAULT 0,
            error_code          TEXT    NULL,
            started_at          INTEGER NULL,
            idempotency_key     TEXT    NULL,
            request_fingerprint TEXT    NULL,
            version             INTEGER NOT NULL DEFAULT 1,
            callback_url        TEXT    NULL
        );
        INSERT INTO jobs_v5 (id, source_language, target_language, state, attempts, max_attempts, available_at, lease_owner,
                             lease_expires_at, created_at, updated_at, completed_at, error_message, kind, spec, stage, progress,
                             error_code, started_at, idempotency_key, request_fingerprint)
        SELECT id, source_language, target_language, state, attempts, max_attempts, available_at, lease_owner,
               lease_expires_at, created_at, updated_at, completed_at, error_message, kind, spec, stage, progress,
               error_code, started_at, idempotency_key, request_fingerprint
        FROM jobs;
        DROP TABLE jobs;
        ALTER TABLE jobs_v5 RENAME TO jobs;
        CREATE INDEX jobs_queued ON jobs (available_at, created_at) WHERE state = 'queued';
        CREATE INDEX jobs_running ON jobs (lease_expires_at) WHERE state = 'running';
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;

        CREATE TABLE job_events (
            job_id        TEXT    NOT NULL,
            seq           INTEGER NOT NULL,
            state         TEXT    NOT NULL,
            stage         TEXT    NULL,
            progress      REAL    NOT NULL,
            error_code    TEXT    NULL,
            error_message TEXT    NULL,
            at            INTEGER NOT NULL,
            PRIMARY KEY (job_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO job_events (job_id, seq, state, stage, progress, error_code, error_message, at)
        SELECT id, version, state, stage, progress, error_code, error_message, updated_at FROM jobs;

        CREATE TABLE webhook_deliveries (
            id               TEXT    NOT NULL PRIMARY KEY,
            job_id           TEXT    NOT NULL,
            event_type       TEXT    NOT NULL,
            url              TEXT    NOT NULL,
            payload          TEXT    NULL,
            state            TEXT    NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_at  INTEGER NOT NULL,
            lease_owner      TEXT    NULL,
            lease_expires_at INTEGER NULL,
            created_at       INTEGER NOT NULL,
            completed_at     INTEGER NULL
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
        CREATE INDEX webhook_deliveries_job ON webhook_deliveries (job_id);

        CREATE TABLE webhook_attempts (
            delivery_id TEXT    NOT NULL,
            attempt     INTEGER NOT NULL,
            at          INTEGER NOT NULL,
            status_code INTEGER NULL,
            error       TEXT    NULL,
            duration_ms INTEGER NOT NULL,
            PRIMARY KEY (delivery_id, attempt)
        ) WITHOUT ROWID;

        CREATE TABLE settings (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,

        // 6: how often each job's lease ran out (its worker died) and another worker took it over, for metrics.
        "ALTER TABLE jobs ADD COLUMN lease_expiries INTEGER NOT NULL DEFAULT 0;",

        // 7: the queue each job waits in (the work it needs next, see WorkQueues), and the worker processes,
        // each with the queues it serves and when it was last seen, for the operator view.
        """
        ALTER TABLE jobs ADD COLUMN queue TEXT NOT NULL DEFAULT 'simulated';
        UPDATE jobs SET queue = CASE WHEN spec LIKE '%"SourceSubtitlesExtension":"%' THEN 'translation' ELSE 'recognition' END WHERE kind = 'video';
        CREATE TABLE workers (
            id           TEXT    NOT NULL PRIMARY KEY,
            host         TEXT    NOT NULL,
            process_id   INTEGER NOT NULL,
            queues       TEXT    NOT NULL,
            concurrency  INTEGER NOT NULL,
            started_at   INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        );
        """,

        // 8: tenants own jobs (an idempotency key is one tenant's), and API keys, stored as hashes of their secrets.
        """
        ALTER TABLE jobs ADD COLUMN tenant TEXT NOT NULL DEFAULT 'default';
        DROP INDEX jobs_idempotency_key;
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX jobs_tenant_created ON jobs (tenant, created_at, id);
        CREATE TABLE api_keys (
            id           TEXT    NOT NULL PRIMARY KEY,
            tenant       TEXT    NOT NULL,
            name         TEXT    NOT NULL,
            secret_hash  TEXT    NOT NULL,
            admin        INTEGER NOT NULL,
            created_at   INTEGER NOT NULL,
            revoked_at   INTEGER NULL
        );
        """,

        // 9: the editable cue tracks of a rendered video job (source and each target language), as JSON, with the
        // version each edit raises, the render (revision) that last used them and whether the next render is to use
        // them; and each render's record.
        """
        CREATE TABLE cue_tracks (
            job_id           TEXT    NOT NULL,
            track            TEXT    NOT NULL,
            version          INTEGER NOT NULL,
            rendered_version INTEGER NOT NULL,
            revision         INTEGER NOT NULL,
            render_requested INTEGER NOT NULL DEFAULT 0,
            cues             TEXT    NOT NULL,
            updated_at       INTEGER NOT NULL,
            PRIMARY KEY (job_id, track)
        ) WITHOUT ROWID;
        CREATE TABLE job_revisions (
            job_id      TEXT    NOT NULL,
            revision    INTEGER NOT NULL,
            rendered_at INTEGER NOT NULL,
            changes     TEXT    NOT NULL,
            PRIMARY KEY (job_id, revision)
        );
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        // WAL lets readers (status requests) proceed while a worker writes; it is a property of the file.
        Execute(connection, "PRAGMA journal_mode = WAL;");

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The job database is at schema version {version}, newer than this build knows ({Migrations.Length}). Upgrade vts.");
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            Execute(connection, Migrations[next], transaction);
        }

        Execute(connection, $"PRAGMA user_version = {Migrations.Length};", transaction);
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
