namespace VideoTranslation.Client;

/// <summary>
/// A queue of the deployment (<c>GET /v1/admin/queues</c>): jobs due now, waiting for a retry and running, how long
/// the oldest due job has waited, and how many live workers serve it.
/// </summary>
public sealed record QueueInfo(string Name, long Due, long Delayed, long Running, double? OldestDueSeconds, int Workers);
