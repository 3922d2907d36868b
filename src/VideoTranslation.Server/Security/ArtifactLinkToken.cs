using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoTranslation.Server.Security;

/// <summary>
/// The <c>link</c> query value of a signed artifact link: <c>{key id or -}.{job created, unix ms}.{expires, unix s}.{mac}</c>,
/// the MAC an HMAC-SHA256 over those and the job id and artifact name the link is for. Everything but the MAC is readable
/// (nothing in it is secret); the job id and name come from the URL's path, so a link moved to another file fails.
/// </summary>
public static class ArtifactLinkToken
{
    private const string NoKey = "-";

    public static string Create(byte[] secret, ArtifactLinkClaims claims) =>
        string.Create(CultureInfo.InvariantCulture, $"{claims.KeyId ?? NoKey}.{claims.JobCreatedAt.ToUnixTimeMilliseconds()}.{claims.ExpiresAt.ToUnixTimeSeconds()}.")
        + Base64Url.EncodeToString(Mac(secret, claims));

    /// <summary>What a token says about the artifact at <paramref name="jobId"/>/<paramref name="name"/>, checked at <paramref name="now"/>.</summary>
    public static ArtifactLinkCheck Read(byte[] secret, string token, string jobId, string name, DateTimeOffset now, out ArtifactLinkClaims claims)
    {
        claims = default!;
        var parts = token.Split('.');
        if (token.Length > 200 || parts.Length != 4 || parts[0].Length == 0 ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var createdMs) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            createdMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return ArtifactLinkCheck.Invalid;
        }

        var read = new ArtifactLinkClaims(
            parts[0] == NoKey ? null : parts[0], jobId, DateTimeOffset.FromUnixTimeMilliseconds(createdMs), name, DateTimeOffset.FromUnixTimeSeconds(expires));
        var mac = new byte[32];
        if (!Base64Url.TryDecodeFromChars(parts[3], mac, out var length) || length != mac.Length ||
            !CryptographicOperations.FixedTimeEquals(mac, Mac(secret, read)))
        {
            return ArtifactLinkCheck.Invalid;
        }

        claims = read;
        return now < read.ExpiresAt ? ArtifactLinkCheck.Valid : ArtifactLinkCheck.Expired;
    }

    private static byte[] Mac(byte[] secret, ArtifactLinkClaims claims) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"artifact-link/v1\n{claims.KeyId ?? NoKey}\n{claims.JobId}\n{claims.JobCreatedAt.ToUnixTimeMilliseconds()}\n{claims.Name}\n{claims.ExpiresAt.ToUnixTimeSeconds()}")));
}
