using Dapper;
using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Security;

/// <summary>API keys in the job database, so every node of a deployment accepts the same keys.</summary>
public sealed class ApiKeyStore(IJobDatabase database)
{
    private const string Columns =
        "id AS Id, tenant AS Tenant, name AS Name, secret_hash AS SecretHash, admin AS Admin, created_at AS CreatedAt, revoked_at AS RevokedAt";

    public async Task<CreatedApiKey> CreateAsync(string tenant, string name, bool admin, CancellationToken cancellationToken)
    {
        if (!Tenants.IsValid(tenant))
        {
            throw new ArgumentException($"'{tenant}' is not a tenant name: 1-64 lowercase letters, digits, '-', '_' and '.', starting with a letter or digit.", nameof(tenant));
        }

        var (id, secret, token) = ApiKeyToken.New();
        var row = await database.WriteAsync(
            async (connection, transaction, now) => await connection.QuerySingleAsync<Row>(
                $"""
                INSERT INTO api_keys (id, tenant, name, secret_hash, admin, created_at) VALUES (@Id, @Tenant, @Name, @Hash, @Admin, @Now)
                RETURNING {Columns};
                """,
                new { Id = id, Tenant = tenant, Name = name, Hash = ApiKeyToken.Hash(secret), Admin = admin ? 1L : 0L, Now = now },
                transaction),
            cancellationToken);
        return new CreatedApiKey(row.ToKey(), token);
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiKey>>(async connection => [.. (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys ORDER BY created_at, id;", cancellationToken: cancellationToken))).Select(row => row.ToKey())], cancellationToken);

    /// <summary>Revokes the key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction, now) => await connection.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @Now) WHERE id = @Id;", new { Id = id, Now = now }, transaction) > 0,
            cancellationToken);

    /// <summary>The live key a bearer token names, or null: unknown, wrong secret and revoked all look the same to the caller.</summary>
    public async Task<ApiKey?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.TryParse(token, out var id, out var secret))
        {
            return null;
        }

        var row = await RowAsync(id, cancellationToken);
        return row is { RevokedAt: null } && ApiKeyToken.Matches(secret, row.SecretHash) ? row.ToKey() : null;
    }

    /// <summary>The key with this id if it is live (not revoked), or null; for what a key made, such as artifact links.</summary>
    public async Task<ApiKey?> FindLiveByIdAsync(string id, CancellationToken cancellationToken)
    {
        var row = await RowAsync(id, cancellationToken);
        return row is { RevokedAt: null } ? row.ToKey() : null;
    }

    private Task<Row?> RowAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM api_keys WHERE id = @Id;", new { Id = id }, cancellationToken: cancellationToken)), cancellationToken);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Tenant { get; init; } = "";
        public string Name { get; init; } = "";
        public string SecretHash { get; init; } = "";
        public long Admin { get; init; }
        public long CreatedAt { get; init; }
        public long? RevokedAt { get; init; }

        public ApiKey ToKey() => new(
            Id, Tenant, Name, Admin != 0, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            RevokedAt is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null);
    }
}
