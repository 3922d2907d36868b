using System.Text.RegularExpressions;
using System.Threading.Channels;
using Dapper;
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

    private readonly Channel<PendingCommand> queue = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider clock;
    private readonly Task loop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> parameterNames = new(StringComparer.Ordinal);

    public PostgresBatchWriter(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        this.dataSource = dataSource;
        this.clock = clock;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the write; completes once it is committed, with the first row of its first statement.</summary>
    public Task<T?> WriteAsync<T>(IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancellationToken)
        where T : class
    {
        var write = new PendingCommand<T>(statements, parameters, cancellationToken);
        return queue.Writer.TryWrite(write) ? write.Task : Task.FromException<T?>(new ObjectDisposedException(nameof(PostgresBatchWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
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
        foreach (var write in writes)
        {
            foreach (var statement in write.Statements)
            {
                var command = new NpgsqlBatchCommand(statement);
                foreach (var name in parameterNames.GetOrAdd(statement, ParametersOf))
                {
                    command.Parameters.Add(new NpgsqlParameter(name, name == "Now" ? now : write.Value(name) ?? DBNull.Value));
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

    // The parameters each statement names, found once per statement (a handful of constant texts).
    private static string[] ParametersOf(string statement) =>
        [.. ParameterName().Matches(statement).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"@([A-Za-z][A-Za-z0-9_]*)")]
    private static partial Regex ParameterName();

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

    private sealed class PendingCommand<T>(IReadOnlyList<string> statements, IReadOnlyList<KeyValuePair<string, object?>> parameters, CancellationToken cancellationToken)
        : PendingCommand(statements, parameters, cancellationToken)
        where T : class
    {
        private readonly TaskCompletionSource<T?> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? row;

        public Task<T?> Task => outcome.Task;

        public override bool CancelIfRequested() => CancellationToken.IsCancellationRequested && outcome.TrySetCanceled(CancellationToken);

        public override async Task ReadAsync(NpgsqlDataReader reader) => row = await reader.ReadAsync() ? reader.GetRowParser<T>()(reader) : null;

        public override void Complete() => outcome.TrySetResult(row);

        public override void Fail(Exception exception) => outcome.TrySetException(exception);
    }
}
