using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace VideoTranslation.ApiBenchmark;

/// <summary>
/// The baselines for submissions: a job-sized row inserted in a transaction of its own, as fast as the database
/// takes them, with a prepared command on an open connection. SQLite with the server's durability (WAL,
/// <c>synchronous = NORMAL</c>: a commit survives a killed process) on the same disk, one writer as SQLite allows;
/// PostgreSQL through Npgsql with as many connections as the load generator opens.
/// </summary>
internal static class RawInserts
{
    private const string Table =
        "CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, source_language TEXT NOT NULL, target_language TEXT NOT NULL, state TEXT NOT NULL, " +
        "attempts INTEGER NOT NULL, available_at BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, tenant TEXT NOT NULL);";

    private const string Insert =
        "INSERT INTO rows (id, source_language, target_language, state, attempts, available_at, created_at, updated_at, tenant) " +
        "VALUES (@id, 'en', 'es', 'queued', 0, @now, @now, @now, 'default');";

    public static async Task<double> SqliteAsync(string directory, TimeSpan duration)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "raw.db")}");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " + Table;
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = Insert;
        var id = insert.Parameters.Add("@id", SqliteType.Text);
        var now = insert.Parameters.Add("@now", SqliteType.Integer);
        insert.Prepare();
        var count = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            id.Value = Guid.NewGuid().ToString("N");
            now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    public static async Task<double> PostgresAsync(string connectionString, int connections, TimeSpan duration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = connections };
        await using var source = NpgsqlDataSource.Create(builder.ConnectionString);
        await using (var setup = source.CreateCommand(Table))
        {
            await setup.ExecuteNonQueryAsync();
        }

        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand(Insert, connection);
            var id = new NpgsqlParameter<string> { ParameterName = "id", TypedValue = "" };
            var now = new NpgsqlParameter<long> { ParameterName = "now", TypedValue = 0L };
            insert.Parameters.Add(id);
            insert.Parameters.Add(now);
            await insert.PrepareAsync();
            while (clock.Elapsed < duration)
            {
                id.TypedValue = Guid.NewGuid().ToString("N");
                now.TypedValue = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await insert.ExecuteNonQueryAsync(); // autocommit: a transaction per row
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }
}
