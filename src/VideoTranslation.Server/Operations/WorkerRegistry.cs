using Dapper;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Operations;

/// <summary>
/// The worker processes of the deployment, in the job database: each process records itself and its queues at
/// start and at every heartbeat, and removes itself at a graceful stop. A process that stops beating (killed, or cut
/// off from the database) shows as not alive, and is forgotten after a day. Running jobs are read from the jobs'
/// leases, which name the process that holds them.
/// </summary>
internal sealed class WorkerRegistry(IJobDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public Task BeatAsync(string id, IReadOnlySet<string> queues, int concurrency, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, now) => await connection.ExecuteAsync(
                """
                INSERT INTO workers (id, host, process_id, queues, concurrency, started_at, last_seen_at)
                VALUES (@Id, @Host, @ProcessId, @Queues, @Concurrency, @StartedAt, @Now)
                ON CONFLICT (id) DO UPDATE SET last_seen_at = @Now;
                DELETE FROM workers WHERE last_seen_at < @ForgetBefore;
                """,
                new
                {
                    Id = id,
                    Host = Environment.MachineName,
                    ProcessId = (long)Environment.ProcessId,
                    Queues = string.Join(",", queues.Order()),
                    Concurrency = (long)concurrency,
                    StartedAt = startedAt.ToUnixTimeMilliseconds(),
                    Now = now,
                    ForgetBefore = now - (long)ForgetAfter.TotalMilliseconds,
                },
                transaction),
            cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, _) => await connection.ExecuteAsync("DELETE FROM workers WHERE id = @Id;", new { Id = id }, transaction),
            cancellationToken);

    /// <summary>Every known worker with the jobs it holds; alive when it beat within <paramref name="aliveWithin"/>.</summary>
    public Task<IReadOnlyList<WorkerStatus>> ListAsync(TimeSpan aliveWithin, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<WorkerStatus>>(async connection =>
        {
            var now = clock.GetUtcNow();
            var workers = await connection.QueryAsync<WorkerRow>(new CommandDefinition(
                """
                SELECT id AS Id, host AS Host, process_id AS ProcessId, queues AS Queues, concurrency AS Concurrency,
                       started_at AS StartedAt, last_seen_at AS LastSeenAt
                FROM workers ORDER BY started_at, id;
                """,
                cancellationToken: cancellationToken));
            var running = (await connection.QueryAsync<RunningRow>(new CommandDefinition(
                """
                SELECT id AS Id, queue AS Queue, stage AS Stage, progress AS Progress, attempts AS Attempts,
                       lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt
                FROM jobs WHERE state = 'running' ORDER BY created_at, id;
                """,
                cancellationToken: cancellationToken))).ToLookup(job => job.LeaseOwner.Split('/')[0]);
            return [.. workers.Select(worker => worker.ToStatus(now, aliveWithin, running[worker.Id]))];
        }, cancellationToken);

    /// <summary>Each queue's load, with the number of live workers serving it.</summary>
    public async Task<IReadOnlyList<QueueStatus>> QueuesAsync(TimeSpan aliveWithin, CancellationToken cancellationToken)
    {
        var workers = await ListAsync(aliveWithin, cancellationToken);
        var counts = await database.ReadAsync(async connection =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            return (await connection.QueryAsync<QueueRow>(new CommandDefinition(
                """
                SELECT queue AS Queue,
                       SUM(CASE WHEN state = 'queued' AND available_at <= @Now THEN 1 ELSE 0 END) AS Due,
                       SUM(CASE WHEN state = 'queued' AND available_at > @Now THEN 1 ELSE 0 END) AS Delayed,
                       SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END) AS Running,
                       MIN(CASE WHEN state = 'queued' AND available_at <= @Now THEN available_at END) AS OldestDueAt
                FROM jobs WHERE state IN ('queued', 'running') GROUP BY queue;
                """,
                new { Now = now },
                cancellationToken: cancellationToken))).ToDictionary(row => row.Queue);
        }, cancellationToken);

        var now = clock.GetUtcNow();
        return [.. WorkQueues.All.Select(name =>
        {
            var row = counts.GetValueOrDefault(name);
            return new QueueStatus(
                name,
                row?.Due ?? 0,
                row?.Delayed ?? 0,
                row?.Running ?? 0,
                row?.OldestDueAt is { } oldest ? Math.Max(0, (now - DateTimeOffset.FromUnixTimeMilliseconds(oldest)).TotalSeconds) : null,
                workers.Count(worker => worker.Alive && worker.Queues.Contains(name)));
        })];
    }

    private sealed class WorkerRow
    {
        public string Id { get; init; } = "";
        public string Host { get; init; } = "";
        public long ProcessId { get; init; }
        public string Queues { get; init; } = "";
        public long Concurrency { get; init; }
        public long StartedAt { get; init; }
        public long LastSeenAt { get; init; }

        public WorkerStatus ToStatus(DateTimeOffset now, TimeSpan aliveWithin, IEnumerable<RunningRow> jobs)
        {
            var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds(LastSeenAt);
            return new WorkerStatus(
                Id, Host, ProcessId, Queues.Split(',', StringSplitOptions.RemoveEmptyEntries), (int)Concurrency,
                DateTimeOffset.FromUnixTimeMilliseconds(StartedAt), lastSeen, now - lastSeen <= aliveWithin,
                [.. jobs.Select(job => new RunningJob(
                    job.Id, job.Queue, job.Stage, job.Progress, (int)job.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(job.LeaseExpiresAt ?? 0)))]);
        }
    }

    private sealed class RunningRow
    {
        public string Id { get; init; } = "";
        public string Queue { get; init; } = "";
        public string? Stage { get; init; }
        public double Progress { get; init; }
        public long Attempts { get; init; }
        public string LeaseOwner { get; init; } = "";
        public long? LeaseExpiresAt { get; init; }
    }

    private sealed class QueueRow
    {
        public string Queue { get; init; } = "";
        public long Due { get; init; }
        public long Delayed { get; init; }
        public long Running { get; init; }
        public long? OldestDueAt { get; init; }
    }
}
