using Dapper;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// Server-wide settings in the job database (the <c>settings</c> table): secrets every node of a deployment must
/// share, such as the webhook signing secrets and the artifact link key.
/// </summary>
internal sealed class ServerSettings(IJobDatabase database)
{
    /// <summary>A server setting, created with <paramref name="create"/> by whichever node asks first.</summary>
    public Task<string> GetOrCreateAsync(string key, Func<string> create, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, _) =>
            {
                await connection.ExecuteAsync(
                    "INSERT INTO settings (key, value) VALUES (@Key, @Value) ON CONFLICT (key) DO NOTHING;", new { Key = key, Value = create() }, transaction);
                return await connection.QuerySingleAsync<string>("SELECT value FROM settings WHERE key = @Key;", new { Key = key }, transaction);
            },
            cancellationToken);

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT value FROM settings WHERE key = @Key;", new { Key = key }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Writes several settings in one transaction: all of them or none.</summary>
    public Task SetAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, _) =>
            {
                foreach (var (key, value) in values)
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO settings (key, value) VALUES (@Key, @Value) ON CONFLICT (key) DO UPDATE SET value = @Value;", new { Key = key, Value = value }, transaction);
                }

                return true;
            },
            cancellationToken);
}
