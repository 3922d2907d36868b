namespace VideoTranslation.Server.Storage;

/// <summary>Creates or migrates the schema at start-up, so a broken data directory fails the start, not the first request.</summary>
internal sealed class StorageInitializer(SqliteJobStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
