using System.Data.Common;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Npgsql;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// Group commit on PostgreSQL for writes that are one command each (<see cref="IJobDatabase.WriteCommandAsync{T}"/>,
/// e.g. a new job, its first event and its announcement): every such write waiting at the time goes to the server as
/// one batch, in one round trip, which PostgreSQL runs and commits as one implicit transaction. A caller hears back
/// only after that commit, so an answered write is as durable as with a transaction of its own, while a hundred
/// concurrent submissions cost one round trip and one commit. Should the server refuse a statement, the whole batch
/// is rolled back and each write is run again alone, so only the failing one's caller gets the error.
/// </summary>
internal sealed partial class PostgresBatchWriter : IAsyncDisposable
{
    /// <summary>The most writes one batch takes.</summary>
    private const int MaxBatch = 128;

    /// <summary>
    /// Batches on their way at once, each on a connection of its own: while the server runs one, the next fills, so
    /// neither this node nor the server sits idle waiting for the other (with one, a flood left a fifth of two cores idle).
    /// </summary>
    private const int InFlight = 2;

    private readonly Channel<PendingCommand> queue = Channel.CreateUnbounded<PendingCommand>();
    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly Task[] loops;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PositionalStatement> positional = new(StringComparer.Ordinal);

    public PostgresBatchWriter(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        this.dataSource = dataSource;
        this.clock = clock;
        loops = [.. Enumerable.Range(0, InFlight).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Queues the write; completes once it is committed, with the first row of its first statement as <paramref name="read"/> reads it.</summary>
    public Task<T?> WriteAsync<T>(
        IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var write = new PendingCommand<T>(statements, parameters, read, cancellationToken);
        return queue.Writer.TryWrite(write) ? write.Task : Task.FromException<T?>(new ObjectDisposedException(nameof(PostgresBatchWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(loops);
    }

    private async Task RunAsync()
    {
        await foreach (var batch in WriteBatches.ReadAsync(queue.Reader, MaxBatch, write => write.CancelIfRequested()))
        {
            try
            {
                await SendAsync(batch);
            }
            catch (PostgresException) when (batch.Count > 1)
            {
                // The server refused one statement, which took the batch's implicit transaction with it: each alone, to find
                // whose it was. (A connection that fails fails them all at once: trying each again would wait out its timeout
                // once a write.)
                foreach (var write in batch)
                {
                    try
                    {
                        await SendAsync([write]);
                    }
                    catch (Exception alone)
                    {
                        write.Fail(alone);
                    }
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(write => write.Fail(ex));
            }
        }
    }

    /// <summary>One round trip: every write's statements in one batch, committed together when the server syncs.</summary>
    private async Task SendAsync(List<PendingCommand> writes)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        HashSet<string>? notified = null;
        foreach (var write in writes)
        {
            foreach (var statement in write.Statements)
            {
                // PostgreSQL delivers a notification sent twice in one transaction once, so the batch sends each once.
                if (statement.StartsWith("NOTIFY ", StringComparison.Ordinal) && !(notified ??= new(StringComparer.Ordinal)).Add(statement))
                {
                    continue;
                }

                var (sql, names) = positional.GetOrAdd(statement, PositionalStatement.Of);
                var command = new NpgsqlBatchCommand(sql);
                foreach (var name in names)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = name == "Now" ? now : write.Value(name) ?? DBNull.Value });
                }

                batch.BatchCommands.Add(command);
            }
        }

        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // One result a write: its first statement's (the others return none, and a reader passes over those).
            foreach (var write in writes)
            {
                await write.ReadAsync(reader);
                await reader.NextResultAsync();
            }
        }

        writes.ForEach(write => write.Complete());
    }

    // A parameter, or a string literal passed over whole (an @ inside one is text, not a parameter).
    [GeneratedRegex(@"'(?:[^']|'')*'|@([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();

    /// <summary>
    /// A statement with its <c>@Name</c> parameters turned into PostgreSQL's <c>$1</c>, <c>$2</c>…, and the names in that
    /// order; made once per statement (a handful of constant texts). Npgsql sends positional statements as they are,
    /// where named ones are parsed and rewritten on every execution: that parsing was 4% of a node's CPU time under a
    /// flood of submissions.
    /// </summary>
    private sealed record PositionalStatement(string Sql, string[] Names)
    {
        public static PositionalStatement Of(string statement)
        {
            var names = new List<string>();
            var sql = ParameterName().Replace(statement, match =>
            {
                if (!match.Groups[1].Success)
                {
                    return match.Value;
                }

                var index = names.IndexOf(match.Groups[1].Value);
                if (index < 0)
                {
                    names.Add(match.Groups[1].Value);
                    index = names.Count - 1;
                }

                return "$" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
            return new PositionalStatement(sql, [.. names]);
        }
    }

    private abstract class PendingCommand(IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancellationToken)
    {
        public IReadOnlyList<string> Statements { get; } = statements;

        protected CancellationToken CancellationToken { get; } = cancellationToken;

        public object? Value(string name) => parameters.FirstOrDefault(p => p.Key == name).Value;

        /// <summary>True when the caller gave up before its turn (it is answered as cancelled, and nothing runs).</summary>
        public abstract bool CancelIfRequested();

        /// <summary>Keeps the first row of the reader's current result, if any.</summary>
        public abstract Task ReadAsync(NpgsqlDataReader reader);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingCommand<T>(
        IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        : PendingCommand(statements, parameters, cancellationToken)
        where T : class
    {
        private readonly TaskCompletionSource<T?> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? row;

        public Task<T?> Task => outcome.Task;

        public override bool CancelIfRequested() => CancellationToken.IsCancellationRequested && outcome.TrySetCanceled(CancellationToken);

        public override async Task ReadAsync(NpgsqlDataReader reader) => row = await reader.ReadAsync() ? read(reader) : null;

        public override void Complete() => outcome.TrySetResult(row);

        public override void Fail(Exception exception) => outcome.TrySetException(exception);
    }
}
