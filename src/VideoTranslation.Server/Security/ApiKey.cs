namespace VideoTranslation.Server.Security;

/// <summary>An API key as stored and listed (never its secret: only a hash of it is kept).</summary>
public sealed record ApiKey(string Id, string Tenant, string Name, bool Admin, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A key just created: its record, and the token to hand to its user, shown this once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Token);
