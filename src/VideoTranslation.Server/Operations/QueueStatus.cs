namespace VideoTranslation.Server.Operations;

/// <summary>
/// One queue as the operator view shows it: jobs due now, jobs waiting for a retry, jobs running, how long the
/// oldest due job has waited, and how many live workers serve the queue (none means its jobs wait until one comes).
/// </summary>
public sealed record QueueStatus(string Name, long Due, long Delayed, long Running, double? OldestDueSeconds, int Workers);

/// <summary>The answer of <c>GET /v1/admin/queues</c>.</summary>
public sealed record QueueList(IReadOnlyList<QueueStatus> Queues);
