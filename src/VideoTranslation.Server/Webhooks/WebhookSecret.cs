using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Webhooks;

/// <summary>
/// The server's webhook signing secret: the configured one, or one generated once and kept in the database (so
/// every node of a deployment signs with the same secret, and a restart does not change it).
/// </summary>
internal sealed class WebhookSecret(SqlWebhookStore store, IOptions<WebhookOptions> options)
{
    private const string SettingKey = "webhook_secret";

    // Loading twice at once is harmless (the first node's secret wins in the database); a failed load is retried.
    private Task<(string Secret, WebhookSigner Signer)>? loaded;

    public async Task<string> GetAsync(CancellationToken cancellationToken) => (await LoadAsync().WaitAsync(cancellationToken)).Secret;

    public async Task<WebhookSigner> GetSignerAsync(CancellationToken cancellationToken) => (await LoadAsync().WaitAsync(cancellationToken)).Signer;

    private Task<(string Secret, WebhookSigner Signer)> LoadAsync()
    {
        if (loaded is { IsFaulted: false, IsCanceled: false } current)
        {
            return current;
        }

        return loaded = Task.Run(async () =>
        {
            var secret = options.Value.Secret ?? await store.GetOrCreateSettingAsync(SettingKey, WebhookSigner.NewSecret, CancellationToken.None);
            return WebhookSigner.TryParseSecret(secret, out var key)
                ? (secret, new WebhookSigner(key))
                : throw new InvalidOperationException("The stored webhook secret is malformed; set Webhooks:Secret.");
        });
    }
}
