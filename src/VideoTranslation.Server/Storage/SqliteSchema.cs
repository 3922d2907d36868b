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
