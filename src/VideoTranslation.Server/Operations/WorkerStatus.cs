namespace VideoTranslation.Server.Operations;

/// <summary>One worker process as the operator view shows it: what it serves, whether it is alive, what it runs.</summary>
public sealed record WorkerStatus(
    string Id,
    string Host,
    long ProcessId,
    IReadOnlyList<string> Queues,
    int Concurrency,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt,
    bool Alive,
    IReadOnlyList<RunningJob> Jobs);

/// <summary>A job a worker holds: its stage and progress, and when its lease runs out unless renewed.</summary>
public sealed record RunningJob(string Id, string Queue, string? Stage, double Progress, int Attempts, DateTimeOffset LeaseExpiresAt);

/// <summary>The answer of <c>GET /v1/admin/workers</c>.</summary>
public sealed record WorkerList(IReadOnlyList<WorkerStatus> Workers);
