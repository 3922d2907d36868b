namespace VideoTranslation.Client;

/// <summary>
/// A worker process of the deployment (<c>GET /v1/admin/workers</c>): the queues it serves, whether it still beats,
/// and the jobs it holds.
/// </summary>
public sealed record WorkerInfo(
    string Id,
    string Host,
    long ProcessId,
    IReadOnlyList<string> Queues,
    int Concurrency,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt,
    bool Alive,
    IReadOnlyList<WorkerJob> Jobs);

/// <summary>A job a worker holds, and when its lease runs out unless the worker renews it.</summary>
public sealed record WorkerJob(string Id, string Queue, string? Stage, double Progress, int Attempts, DateTimeOffset LeaseExpiresAt);
