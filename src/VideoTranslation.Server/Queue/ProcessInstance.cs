namespace VideoTranslation.Server.Queue;

/// <summary>
/// Names this process in the leases it takes (jobs, webhook deliveries), in the operator view and in logs: host,
/// process id and a nonce, so a restarted process is a new owner even with the same process id.
/// </summary>
public sealed class ProcessInstance
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The lease owner of one slot of a background loop, e.g. <c>host:42:1a2b3c4d/webhooks/0</c>.</summary>
    public string Slot(string? loop, int slot) => loop is null ? $"{Id}/{slot}" : $"{Id}/{loop}/{slot}";

    public override string ToString() => Id;
}
