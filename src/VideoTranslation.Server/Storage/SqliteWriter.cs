using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// SQLite's one writer, with group commit: writes queue here, and one loop on one open connection runs every write
/// waiting at the time in a single transaction, then commits once (should a write throw, each runs again in a
/// transaction of its own, so only its caller gets the exception). A caller's task completes only after the commit, so
/// an answered request is as durable as with a commit of its own, while a hundred concurrent submissions cost one
/// commit rather than a hundred. The connection is opened once (WAL, <c>synchronous = NORMAL</c>) and reopened after
/// a failed commit. The log is copied back into the file by <see cref="SqliteCheckpointer"/>, not by the commits.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    /// <summary>The most writes one transaction takes: enough to absorb any burst, few enough that none waits long.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string connectionString;
    private readonly TimeProvider clock;
    private readonly Task loop;
    private readonly SqliteCheckpointer checkpointer;

    // The writer connection's compiled commands by SQL text (a handful: the statements every request runs); touched
    // only by the loop, which runs one write at a time, and dropped with the connection.
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);
    private SqliteConnection? current;

    public SqliteWriter(string connectionString, TimeProvider clock)
    {
        this.connectionString = connectionString;
        this.clock = clock;
        checkpointer = new SqliteCheckpointer(connectionString, clock);
        loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        return queue.Writer.TryWrite(write) ? write.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteWriter)));
    }

    /// <summary>On the writer's connection, its compiled command for <paramref name="sql"/>; on another, a new command.</summary>
    public ReusedCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        if (!ReferenceEquals(connection, current))
        {
            return new ReusedCommand(new SqliteCommand(sql, connection, transaction), owned: true);
        }

        if (!commands.TryGetValue(sql, out var command))
        {
            command = new SqliteCommand(sql, connection);
            command.Prepare();
            commands[sql] = command;
        }

        command.Transaction = transaction;
        return new ReusedCommand(command, owned: false);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        await checkpointer.DisposeAsync();
    }

    private async Task RunAsync()
    {
        SqliteConnection? connection = null;
        await foreach (var batch in WriteBatches.ReadAsync(queue.Reader, MaxBatch, write => write.CancelIfRequested()))
        {
            try
            {
                connection ??= current = await OpenAsync();
                if (checkpointer.LogIsLong)
                {
                    checkpointer.Checkpoint(connection);
                }

                await CommitAsync(connection, batch);
            }
            catch (Exception ex)
            {
                // The transaction as a whole failed (disk full, I/O error, a lost file): every write in it failed.
                batch.ForEach(write => write.Fail(ex));
                await CloseAsync(connection);
                connection = current = null;
            }
        }

        await CloseAsync(connection);
    }

    private async Task CloseAsync(SqliteConnection? connection)
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync();
        }

        commands.Clear();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs the batch in one transaction and commits it. Should a write throw, the transaction is rolled back and each
    /// write runs again in a transaction of its own, so only the failing one's caller gets the error (writes do nothing
    /// but database work, so running one again is safe; that is rare, and cheaper than a savepoint around every write).
    /// </summary>
    private async Task CommitAsync(SqliteConnection connection, List<PendingWrite> batch)
    {
        await using (var transaction = connection.BeginTransaction(deferred: false))
        {
            Exception? failed = null;
            foreach (var write in batch)
            {
                if ((failed = await write.RunAsync(connection, transaction, Now())) is not null)
                {
                    break;
                }
            }

            if (failed is null)
            {
                await transaction.CommitAsync();
                checkpointer.Committed();
                batch.ForEach(write => write.Complete());
                return;
            }

            if (batch.Count == 1)
            {
                batch[0].Fail(failed);
                return; // rolled back as the transaction is disposed
            }
        }

        foreach (var write in batch)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (await write.RunAsync(connection, transaction, Now()) is { } error)
            {
                write.Fail(error);
                continue;
            }

            await transaction.CommitAsync();
            checkpointer.Committed();
            write.Complete();
        }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        // NORMAL under WAL syncs at checkpoints, not every commit: a killed process loses nothing
        // (the WAL is in the OS's hands); only a power cut may lose the last commits. The writer keeps up to 32 MiB of
        // pages (SQLite's default is 2 MiB): the jobs table's indexes outgrow that soon, and each insert then reads
        // pages back from the file (half the reads gone in the benchmark). Its commits never checkpoint: the
        // checkpointer does, off this path.
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 0;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>A queued write: its work, then its result held until the commit.</summary>
    private abstract class PendingWrite
    {
        /// <summary>Runs the work and keeps its result for <see cref="Complete"/>; what it threw, if it did.</summary>
        public abstract Task<Exception?> RunAsync(DbConnection connection, DbTransaction transaction, long now);

        /// <summary>True when the caller gave up before its turn (it is answered as cancelled, and nothing runs).</summary>
        public abstract bool CancelIfRequested();

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken) : PendingWrite
    {
        private readonly TaskCompletionSource<T> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => outcome.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && outcome.TrySetCanceled(cancellationToken);

        public override async Task<Exception?> RunAsync(DbConnection connection, DbTransaction transaction, long now)
        {
            try
            {
                result = await work(connection, transaction, now);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        }

        public override void Complete() => outcome.TrySetResult(result!);

        public override void Fail(Exception exception) => outcome.TrySetException(exception);
    }
}
