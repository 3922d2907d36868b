namespace VideoTranslation.Server.Storage;

/// <summary>The job database in numbers, deployment-wide (every node sees the same).</summary>
public sealed record JobStatistics(IReadOnlyDictionary<string, long> JobsByState, long QueueDepth, long LeaseExpiries, long PendingWebhooks);
