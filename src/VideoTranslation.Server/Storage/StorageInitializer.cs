using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Storage;

/// <summary>Creates or migrates the schema at start-up, so a broken data directory fails the start, not the first request.</summary>
internal sealed partial class StorageInitializer(SqliteDatabase database, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync().WaitAsync(cancellationToken);
        LogReady(options.Value.DatabasePath, SqliteSchema.LatestVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Job store ready: {DatabasePath} (schema version {Version})")]
    private partial void LogReady(string databasePath, int version);
}
