using Microsoft.Data.Sqlite;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection of its own, a few times a second while
/// there are commits, so that the writer never does it. SQLite's own auto-checkpoint runs inside the commit that
/// crosses 1,000 pages of log, and that commit then waits for the copy and two fsyncs: in the wake-up benchmark those
/// commits took 4 to 20 ms, and every caller in the batch, a finished job's waiters included, waited with them.
/// A passive checkpoint takes no lock the writer needs, so the writer goes on appending meanwhile. Should writes come
/// faster than it copies, the log would only grow; past <see cref="LongLogPages"/> the writer checkpoints itself
/// between two batches (<see cref="LogIsLong"/>), as SQLite would have, so the log stays bounded.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>Pages of log (4 KiB each) past which the writer checkpoints itself: 32 MiB.</summary>
    public const int LongLogPages = 8192;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly string connectionString;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long commits;
    private volatile bool logIsLong;

    public SqliteCheckpointer(string connectionString, TimeProvider clock)
    {
        this.connectionString = connectionString;
        this.clock = clock;
        // A thread of its own: SQLite's calls block (the copy and its fsyncs take milliseconds), and on a thread-pool
        // thread they held up the requests queued behind it; in the benchmark, event streams then woke 40 ms late.
        new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" }.Start();
    }

    /// <summary>True when the log has outgrown <see cref="LongLogPages"/>: the writer should checkpoint before its next batch.</summary>
    public bool LogIsLong => logIsLong;

    /// <summary>Called by the writer after each commit.</summary>
    public void Committed() => Interlocked.Increment(ref commits);

    /// <summary>The writer's own checkpoint, between batches, when the log is long; with no write in flight it copies all of it.</summary>
    public void Checkpoint(SqliteConnection writerConnection)
    {
        PassiveCheckpoint(writerConnection);
        logIsLong = false; // the writer's next transaction starts the log over (unless a reader still holds it: then the loop says so again)
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await stopped.Task;
        stopping.Dispose();
    }

    /// <summary>A passive checkpoint: copies what it can without waiting on anyone; the pages the log held.</summary>
    private static long PassiveCheckpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        var checkpointed = Volatile.Read(ref commits);
        try
        {
            while (Wait())
            {
                var seen = Volatile.Read(ref commits);
                if (seen == checkpointed)
                {
                    continue;
                }

                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(connectionString);
                        connection.Open();
                    }

                    logIsLong = PassiveCheckpoint(connection) >= LongLogPages;
                    checkpointed = seen;
                }
                catch (SqliteException)
                {
                    // The file is busy being reopened or gone for a moment; the commits stand all the same, so try again next time.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
            stopped.TrySetResult();
        }
    }

    /// <summary>Waits out the interval on the clock (the service's, so tests can move it); false once stopping.</summary>
    private bool Wait()
    {
        try
        {
            Task.Delay(Interval, clock, stopping.Token).Wait();
            return true;
        }
        catch (AggregateException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
    }
}
