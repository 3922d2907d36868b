using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Observability;

/// <summary>Ready when the job database answers a query, the data directory takes a file and the artifact store answers (<c>/readyz</c>).</summary>
internal sealed class StorageHealthCheck(IJobDatabase database, IArtifactStore artifacts, IOptions<StorageOptions> storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ReadAsync(connection => connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1;", cancellationToken: cancellationToken)), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The job database ({database.Description}) does not answer: {ex.Message}");
        }

        try
        {
            var directory = Directory.CreateDirectory(Path.GetFullPath(storage.Value.DataDirectory)).FullName;
            var probe = Path.Combine(directory, $".ready-{Environment.ProcessId}");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"The data directory cannot be written: {ex.Message}");
        }

        try
        {
            await artifacts.CheckAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The artifact store does not answer: {ex.Message}");
        }

        return HealthCheckResult.Healthy($"{database.Description}; data in {storage.Value.DataDirectory}");
    }
}
