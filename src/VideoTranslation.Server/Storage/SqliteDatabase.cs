using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The embedded database file shared by the job store and the webhook store: its schema, and one in-process
/// writer with group commit (<see cref="SqliteWriter"/>: SQLite allows one writer at a time; queueing writes here
/// avoids busy-retry storms, and a commit serves every write waiting), while reads run concurrently thanks to WAL.
/// </summary>
public sealed class SqliteDatabase : IJobDatabase, IAsyncDisposable
{
    private readonly Lazy<Task> schema;
    private readonly Lazy<SqliteWriter> writer;
    private readonly SqliteReaders readers;
    private readonly string connectionString;

    // The statements of WriteCommandAsync as one command text, joined once per list (the lists are the store's constants).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<string>, string> joined = [];

    public SqliteDatabase(IOptions<StorageOptions> storage, TimeProvider clock)
    {
        var path = storage.Value.DatabasePath;
        Path = path;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        writer = new Lazy<SqliteWriter>(() => new SqliteWriter(connectionString, clock));
        readers = new SqliteReaders(connectionString);
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

    public string PublishStatement(string message) => "";

    /// <summary>Creates or migrates the schema; safe to call many times.</summary>
    public Task InitializeAsync() => schema.Value;

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, given the time of the write in Unix milliseconds; returns
    /// once it is committed. Writes run one at a time, several to a commit.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken)
    {
        await schema.Value;
        return await writer.Value.WriteAsync(work, cancellationToken);
    }

    /// <summary>Through the writer, as any write: several to a commit.</summary>
    public Task<T?> WriteCommandAsync<T>(
        IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        WriteAsync(async (connection, transaction, now) =>
        {
            await using var command = Command(connection, transaction, joined.GetValue(statements, parts => string.Join('\n', parts)));
            return await command.Bind(parameters).Bind("Now", now).QuerySingleOrDefaultAsync(read);
        }, cancellationToken);

    /// <summary>The writer's compiled command for <paramref name="sql"/> in a write, a read connection's in a read.</summary>
    public ReusedCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        transaction is null
            ? readers.Command((SqliteConnection)connection, sql)
            : writer.Value.Command((SqliteConnection)connection, (SqliteTransaction)transaction, sql);

    /// <summary>Runs a read on a connection kept open for reads; reads do not wait for writes.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await schema.Value;
        return await readers.ReadAsync(connection => read(connection), cancellationToken);
    }

    /// <summary>Finishes the writes already queued and closes the writer's connection and the idle read connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (writer.IsValueCreated)
        {
            await writer.Value.DisposeAsync();
        }

        await readers.DisposeAsync();
    }
}
