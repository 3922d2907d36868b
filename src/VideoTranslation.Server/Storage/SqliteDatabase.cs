using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The embedded database file shared by the job store and the webhook store: its schema, and one in-process
/// writer (SQLite allows one writer at a time; queueing writes here avoids busy-retry storms), while reads run
/// concurrently thanks to WAL.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim is deliberately never disposed; see the field.")]
public sealed class SqliteDatabase : IJobDatabase
{
    // Never disposed on purpose: it holds no OS handle (its wait handle is never asked for), and a worker
    // may still be releasing it while the host tears the container down after a failed start.
    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly Lazy<Task> schema;
    private readonly string connectionString;
    private readonly TimeProvider clock;

    public SqliteDatabase(IOptions<StorageOptions> storage, TimeProvider clock)
    {
        this.clock = clock;
        var path = storage.Value.DatabasePath;
        Path = path;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        schema = new Lazy<Task>(() => Task.Run(() =>
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
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

    /// <summary>The database file.</summary>
    public string Path { get; }

    public string Description => Path;

    /// <summary>SQLite has one writer at a time, so a claim never meets a row another claim holds.</summary>
    public string SkipLocked => "";

    /// <summary>Writes run one at a time already (<see cref="WriteAsync{T}"/>).</summary>
    public Task LockAsync(DbConnection connection, DbTransaction transaction, string name) => Task.CompletedTask;

    /// <summary>One process uses the file, and it is told in-process; nobody else to tell.</summary>
    public Task PublishAsync(DbConnection connection, DbTransaction transaction, string message) => Task.CompletedTask;

    /// <summary>Creates or migrates the schema; safe to call many times.</summary>
    public Task InitializeAsync() => schema.Value;

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, given the time of the write in Unix milliseconds, and
    /// commits it. Writes run one at a time.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken)
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

    /// <summary>Runs a read; reads do not wait for writes.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await schema.Value;
        await using var connection = await OpenAsync(forWriting: false, cancellationToken);
        return await read(connection);
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
}
