using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

/// <summary>Says at start, loudly, when the API is open to whoever can reach it, and when keys are required but none exist.</summary>
internal sealed partial class AuthStartupNotice(
    IOptions<AuthOptions> auth, IConfiguration configuration, ApiKeyStore keys, ILogger<AuthStartupNotice> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["urls"] ?? "";
        if (!auth.Value.KeysRequired(urls))
        {
            if (AuthOptions.LoopbackOnly(urls))
            {
                LogOpenOnLoopback(urls);
            }
            else
            {
                LogOpenToTheNetwork(urls);
            }

            return;
        }

        try
        {
            if ((await keys.ListAsync(cancellationToken)).All(key => key.Revoked))
            {
                LogNoKeys();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be starting too; the storage checks report that.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning,
        "API keys are NOT required: this server listens on loopback only ({Urls}), so every request acts for tenant 'default'. " +
        "Listening on any other address requires keys (vts keys create), unless Auth:Mode=disabled.")]
    private partial void LogOpenOnLoopback(string urls);

    [LoggerMessage(LogLevel.Critical,
        "API keys are DISABLED (Auth:Mode=disabled) on {Urls}: anyone who can reach this server can submit jobs and read every job. " +
        "Remove Auth:Mode=disabled unless something in front of it authenticates every request.")]
    private partial void LogOpenToTheNetwork(string urls);

    [LoggerMessage(LogLevel.Warning, "API keys are required, and none exists yet: every request will be refused. Create one: vts keys create --tenant NAME")]
    private partial void LogNoKeys();
}
