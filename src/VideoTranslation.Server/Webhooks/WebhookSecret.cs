using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// Each tenant's webhook signing secret, generated on first use and kept in the database (so every node signs with
/// the same one), rotatable. After a rotation, deliveries carry two signatures, under the new and the previous
/// secret, for <see cref="WebhookOptions.RotationOverlap"/>, so receivers can switch without missing a webhook
/// (Standard Webhooks allows several signatures). <c>Webhooks:Secret</c>, when set, is the default tenant's secret.
/// </summary>
internal sealed class WebhookSecret(ServerSettings settings, IOptions<WebhookOptions> options, TimeProvider clock)
{
    // Secrets are read per delivery from a short cache: a rotation on another node is seen within this time, and the
    // previous secret still signs meanwhile, so nothing fails in between.
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, Keys Keys)> cache = new();

    public async Task<string> GetAsync(string tenant, CancellationToken cancellationToken) => (await KeysAsync(tenant, cancellationToken)).Current;

    /// <summary>The <c>webhook-signature</c> header: the current secret's signature, and the previous one's during the overlap.</summary>
    public async Task<string> SignAsync(string tenant, string messageId, long timestamp, string body, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(tenant, cancellationToken);
        var signatures = new List<string> { Signer(keys.Current).Sign(messageId, timestamp, body) };
        if (keys.Previous is { } previous && clock.GetUtcNow() < keys.RotatedAt + options.Value.RotationOverlap)
        {
            signatures.Add(Signer(previous).Sign(messageId, timestamp, body));
        }

        return string.Join(' ', signatures);
    }

    /// <summary>Makes a new secret the tenant's; the old one keeps signing too until the overlap ends (returned).</summary>
    public async Task<(string Secret, DateTimeOffset PreviousValidUntil)> RotateAsync(string tenant, CancellationToken cancellationToken)
    {
        if (tenant == Tenants.Default && options.Value.Secret is not null)
        {
            throw new InvalidOperationException("The default tenant's webhook secret is set in configuration (Webhooks:Secret); change it there.");
        }

        var current = await GetAsync(tenant, cancellationToken);
        var secret = WebhookSigner.NewSecret();
        var now = clock.GetUtcNow();
        await settings.SetAsync(
            new Dictionary<string, string>
            {
                [Key(tenant)] = secret,
                [Key(tenant) + ":previous"] = current,
                [Key(tenant) + ":rotated_at"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            cancellationToken);
        cache.TryRemove(tenant, out _);
        return (secret, now + options.Value.RotationOverlap);
    }

    private async Task<Keys> KeysAsync(string tenant, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(tenant, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.Keys;
        }

        var current = tenant == Tenants.Default && options.Value.Secret is { } configured
            ? configured
            : await settings.GetOrCreateAsync(Key(tenant), WebhookSigner.NewSecret, cancellationToken);
        var previous = await settings.GetAsync(Key(tenant) + ":previous", cancellationToken);
        var rotatedAt = await settings.GetAsync(Key(tenant) + ":rotated_at", cancellationToken) is { } ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture))
            : DateTimeOffset.MinValue;
        var keys = new Keys(current, previous, rotatedAt);
        Signer(current); // a malformed stored secret fails here, not at the first delivery
        cache[tenant] = (clock.GetUtcNow() + CacheFor, keys);
        return keys;
    }

    // The default tenant keeps the name the single, server-wide secret had, so existing receivers keep verifying.
    private static string Key(string tenant) => tenant == Tenants.Default ? "webhook_secret" : $"webhook_secret:{tenant}";

    private static WebhookSigner Signer(string secret) => WebhookSigner.TryParseSecret(secret, out var key)
        ? new WebhookSigner(key)
        : throw new InvalidOperationException("A webhook secret is malformed (expected whsec_ and base64); set Webhooks:Secret or rotate it.");

    private sealed record Keys(string Current, string? Previous, DateTimeOffset RotatedAt);
}
