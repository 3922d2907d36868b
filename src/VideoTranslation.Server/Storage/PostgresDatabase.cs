using System.Buffers;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// PostgreSQL under the job and webhook stores, for several API and worker nodes on one database. Claims skip rows
/// other nodes hold (<c>FOR UPDATE SKIP LOCKED</c>); changes are announced with <c>pg_notify</c>, delivered at commit
/// to every node's <see cref="PostgresListener"/>. Times are the writing node's clock in Unix milliseconds, as on
/// SQLite: nodes keep their clocks in step (NTP), which leases of tens of seconds tolerate easily.
/// </summary>
public sealed class PostgresDatabase : IJobDatabase, IAsyncDisposable, IDisposable
{
    /// <summary>The channel every node listens on.</summary>
    public const string Channel = "videotranslation";

    // What a notification may carry (see PublishStatement).
    private static readonly SearchValues<char> MessageCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_");

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly Lazy<Task> schema;
    private readonly Lazy<PostgresBatchWriter> batches;

    public PostgresDatabase(string connectionString, TimeProvider clock)
    {
        this.clock = clock;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Multiplexing = false }.ConnectionString; // LISTEN needs a connection of its own
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64; // the store runs the same few statements over and over: Npgsql prepares them on the server
        }

        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        schema = new Lazy<Task>(() => MigrateAsync());
        batches = new Lazy<PostgresBatchWriter>(() => new PostgresBatchWriter(dataSource, clock));
    }

    public string Description { get; }

    /// <summary>For the listener's own connection.</summary>
    internal string ConnectionString { get; }

    public string SkipLocked => " FOR UPDATE SKIP LOCKED";

    public Task InitializeAsync() => schema.Value;

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken)
    {
        await schema.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, clock.GetUtcNow().ToUnixTimeMilliseconds());
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// <summary>Batched with the other such writes waiting (<see cref="PostgresBatchWriter"/>).</summary>
    public async Task<T?> WriteCommandAsync<T>(
        IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await schema.Value;
        return await batches.Value.WriteAsync(statements, parameters, read, cancellationToken);
    }

    public ReusedCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        new(new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction), owned: true);

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await schema.Value;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>A transaction-scoped advisory lock on the name's hash: released at commit or rollback, never left behind.</summary>
    public Task LockAsync(DbConnection connection, DbTransaction transaction, string name) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@Name, 0));", new { Name = name }, transaction);

    /// <summary>NOTIFY rather than pg_notify: a command, not a query, so it adds no result to a batch's.</summary>
    // NOTIFY takes no parameters, so the message is written into the statement: only the store's own messages, whose
    // characters cannot end or escape a literal, are let in.
    public string PublishStatement(string message) =>
        message.Length is > 0 and <= 100 && !message.AsSpan().ContainsAnyExcept(MessageCharacters)
            ? $"NOTIFY {Channel}, '{message}';"
            : throw new ArgumentException("A notification carries only letters, digits, ':', '-' and '_'.", nameof(message));

    public Task PublishAsync(DbConnection connection, DbTransaction transaction, string message) =>
        connection.ExecuteAsync("SELECT pg_notify(@Channel, @Message);", new { Channel, Message = message }, transaction);

    /// <summary>Accepts a <c>postgresql://</c> (or <c>postgres://</c>) URL as well as an Npgsql connection string.</summary>
    public static string ToConnectionString(string database)
    {
        if (!database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(database).ConnectionString;
        }

        var uri = new Uri(database);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : "postgres",
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
        }

        if (uri.UserInfo.Split(':', 2) is [_, var password])
        {
            builder.Password = Uri.UnescapeDataString(password);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key).Replace('_', ' ')] = Uri.UnescapeDataString(value);
        }

        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (batches.IsValueCreated)
        {
            await batches.Value.DisposeAsync();
        }

        await dataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task MigrateAsync()
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await PostgresSchema.MigrateAsync(connection);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Cannot use the job database {Description}: {ex.Message} Check Storage:Database (--database).", ex);
        }
    }
}
