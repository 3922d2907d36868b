
namespace VideoTranslation.Server.Storage;

/// <summary>Creates or migrates the schema at start-up, so a broken data directory fails the start, not the first request.</summary>
internal sealed partial class StorageInitializer(IJobDatabase database, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync().WaitAsync(cancellationToken);
        LogReady(database.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Job store ready: {Database}")]
    private partial void LogReady(string database);
}
