using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// Signs webhook payloads per the Standard Webhooks spec: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the secret's bytes.
/// </summary>
public sealed class WebhookSigner(byte[] key)
{
    public const string SecretPrefix = "whsec_";

    public string Sign(string messageId, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>A new random secret in the spec's format.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static bool TryParseSecret(string secret, out byte[] key)
    {
        key = [];
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : null;
        var buffer = new byte[64];
        if (encoded is null || !Convert.TryFromBase64String(encoded, buffer, out var length) || length < 24)
        {
            return false;
        }

        key = buffer[..length];
        return true;
    }
}
