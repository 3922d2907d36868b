using System.Data.Common;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The database under the job and webhook stores: SQLite (the embedded default, one process) or PostgreSQL
/// (several nodes). The stores run the same SQL on either; this says what differs: how writes are serialized,
/// how a claim skips rows other nodes hold, and how a change is announced to the other nodes.
/// </summary>
public interface IJobDatabase
{
    /// <summary>Creates or migrates the schema; safe to call many times, and from several nodes at once.</summary>
    Task InitializeAsync();

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (given the time in Unix milliseconds) and commits it. The
    /// work must do nothing but database work and return what it found: SQLite commits several writes together, and
    /// runs each again alone when one of them throws.
    /// </summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, long, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="statements"/> as one write that needs nothing read first (their parameters by name, and
    /// <c>@Now</c>, the time of the write in Unix milliseconds), committed together or not at all, and returns the first
    /// row of the first statement, read by <paramref name="read"/>, if any (the others return no rows). Such writes go to
    /// the database together, several to a commit (group commit): on PostgreSQL in one round trip.
    /// </summary>
    Task<T?> WriteCommandAsync<T>(
        IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Runs a read that does not wait for writes.</summary>
    Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken);

    /// <summary>
    /// A command for <paramref name="sql"/> on a connection <see cref="WriteAsync{T}"/> gave (in its
    /// <paramref name="transaction"/>) or <see cref="ReadAsync{T}"/> gave (no transaction), for statements run on every
    /// request: kept compiled from one use to the next where the database allows (SQLite's connections); PostgreSQL
    /// prepares them itself (automatic preparation). Dispose it when done, as any command.
    /// </summary>
    ReusedCommand Command(DbConnection connection, DbTransaction? transaction, string sql);

    /// <summary>Appended to a claim's row selection: <c>FOR UPDATE SKIP LOCKED</c> where several nodes claim at once.</summary>
    string SkipLocked { get; }

    /// <summary>
    /// Tells the other nodes about a change, when the transaction commits (a no-op where there are no other nodes).
    /// Messages: <c>new</c> (a job to claim), <c>job:ID</c> (a job changed), <c>cancel:ID</c>, <c>webhook</c>.
    /// </summary>
    Task PublishAsync(DbConnection connection, DbTransaction transaction, string message);

    /// <summary>
    /// <see cref="PublishAsync"/> as a statement to end a command with, so that a write and its announcement travel
    /// together; it returns no rows. Empty where there are no other nodes. <paramref name="message"/> is one of ours.
    /// </summary>
    string PublishStatement(string message);

    /// <summary>
    /// Holds, until the transaction ends, a lock that every other transaction asking for the same <paramref name="name"/>
    /// waits on: a check and a write made under it are one step for every node (a no-op where writes already run one at a time).
    /// </summary>
    Task LockAsync(DbConnection connection, DbTransaction transaction, string name);

    /// <summary>Where the data lives, for logs and errors (never a password).</summary>
    string Description { get; }
}
