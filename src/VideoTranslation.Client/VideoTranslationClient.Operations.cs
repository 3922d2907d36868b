namespace VideoTranslation.Client;

public sealed partial class VideoTranslationClient
{
    /// <summary>The deployment's worker processes, alive or recently gone, with the jobs each holds.</summary>
    public async Task<IReadOnlyList<WorkerInfo>> GetWorkersAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<WorkerList>(() => new HttpRequestMessage(HttpMethod.Get, "v1/admin/workers"), cancellationToken)).Workers;

    /// <summary>Each queue's load and the live workers serving it.</summary>
    public async Task<IReadOnlyList<QueueInfo>> GetQueuesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<QueueList>(() => new HttpRequestMessage(HttpMethod.Get, "v1/admin/queues"), cancellationToken)).Queues;

    private sealed record WorkerList(IReadOnlyList<WorkerInfo> Workers);

    private sealed record QueueList(IReadOnlyList<QueueInfo> Queues);
}
