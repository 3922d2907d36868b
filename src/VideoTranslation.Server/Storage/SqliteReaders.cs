using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// SQLite's read connections, kept open between reads with their compiled statements: a read takes an idle one (or
/// opens one) and gives it back. Microsoft.Data.Sqlite's own pool keeps the file handle but no statement, so every read
/// on a fresh connection object compiled its query again, and that compiling, with the objects it leaves behind, cost
/// more than the query itself. Under WAL, an idle connection holds no snapshot: it never keeps a checkpoint from
/// finishing. At most <see cref="MaxIdle"/> wait idle; a burst beyond that opens more and closes them afterwards.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IAsyncDisposable
{
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<SqliteConnection> idle = [];

    // Each open connection's compiled commands by SQL text (the handful of statements every request runs); a connection
    // serves one read at a time, so its dictionary needs no lock.
    private readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> commands = [];

    private int idleCount;

    /// <summary>Runs <paramref name="read"/> on an open connection of this pool.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await RentAsync(cancellationToken);
        var healthy = false;
        try
        {
            var result = await read(connection);
            healthy = true;
            return result;
        }
        finally
        {
            await ReturnAsync(connection, healthy);
        }
    }

    /// <summary>On one of this pool's connections, its compiled command for <paramref name="sql"/>; on another, a new command.</summary>
    public ReusedCommand Command(SqliteConnection connection, string sql)
    {
        if (!commands.TryGetValue(connection, out var compiled))
        {
            return new ReusedCommand(new SqliteCommand(sql, connection), owned: true);
        }

        if (!compiled.TryGetValue(sql, out var command))
        {
            command = new SqliteCommand(sql, connection);
            try
            {
                command.Prepare();
            }
            catch
            {
                command.Dispose();
                throw;
            }

            compiled[sql] = command;
        }

        return new ReusedCommand(command, owned: false);
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var connection))
        {
            await CloseAsync(connection);
        }
    }

    private async Task<SqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref idleCount);
            return connection;
        }

        connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        commands.Add(connection, new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        return connection;
    }

    /// <summary>Keeps the connection for the next read, unless the read failed (its state is unknown then) or enough wait idle.</summary>
    private async Task ReturnAsync(SqliteConnection connection, bool healthy)
    {
        if (healthy && Interlocked.Increment(ref idleCount) <= MaxIdle)
        {
            idle.Add(connection);
            return;
        }

        if (healthy)
        {
            Interlocked.Decrement(ref idleCount);
        }

        await CloseAsync(connection);
    }

    private async Task CloseAsync(SqliteConnection connection)
    {
        if (commands.TryGetValue(connection, out var compiled))
        {
            foreach (var command in compiled.Values)
            {
                await command.DisposeAsync();
            }

            commands.Remove(connection);
        }

        await connection.DisposeAsync();
    }
}
