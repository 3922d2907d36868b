using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace VideoTranslation.Server.Security;

/// <summary>
/// The bearer token format: <c>vts_{id}_{secret}</c>, an id to find the key by and 32 random bytes of secret. Only
/// the secret's SHA-256 is stored: the secret is random and long, so a fast hash is enough and a stolen database
/// yields no usable key.
/// </summary>
internal static class ApiKeyToken
{
    private const string Prefix = "vts_";

    public static (string Id, string Secret, string Token) New()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    public static bool TryParse(string token, out string id, out string secret)
    {
        (id, secret) = ("", "");
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return false;
        }

        var separator = token.IndexOf('_', Prefix.Length);
        if (separator <= Prefix.Length || separator == token.Length - 1)
        {
            return false;
        }

        (id, secret) = (token[Prefix.Length..separator], token[(separator + 1)..]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in constant time, so the time taken says nothing about how much of a guess was right.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
