using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Signed, expiring links to one artifact, for what cannot send an Authorization header: a browser's video, audio and
/// track elements, a download handed to another program or person. A link acts for the key that made it (its tenant,
/// its rate limit) and dies with it. The signing secret is made once per deployment and kept in the database, so a
/// link made on one node opens on every other.
/// </summary>
internal sealed class ArtifactLinks(ServerSettings settings, TimeProvider clock)
{
    /// <summary>The query parameter that carries the link's token.</summary>
    public const string QueryName = "link";

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    private const string SecretSetting = "artifact_link_secret";

    private byte[]? secret; // never changes once made: read from the database once per node

    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateAsync(
        string? keyId, string jobId, DateTimeOffset jobCreatedAt, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, MinLifetime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaxLifetime);
        // Whole seconds in the token: round the expiry up so a link never lives shorter than asked.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling((clock.GetUtcNow() + lifetime).ToUnixTimeMilliseconds() / 1000.0));
        var claims = new ArtifactLinkClaims(keyId, jobId, jobCreatedAt, name, expiresAt);
        return (ArtifactLinkToken.Create(await SecretAsync(cancellationToken), claims), expiresAt);
    }

    public async Task<(ArtifactLinkCheck Check, ArtifactLinkClaims Claims)> ReadAsync(string token, string jobId, string name, CancellationToken cancellationToken)
    {
        var check = ArtifactLinkToken.Read(await SecretAsync(cancellationToken), token, jobId, name, clock.GetUtcNow(), out var claims);
        return (check, claims);
    }

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken) =>
        secret ??= Convert.FromBase64String(await settings.GetOrCreateAsync(
            SecretSetting, () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), cancellationToken));
}
