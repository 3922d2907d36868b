using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Whether requests need an API key here, decided from the addresses the server actually bound once it has started
/// (whether they came from <c>urls</c>, <c>Kestrel:Endpoints</c> or code), never from one configuration key. Until the
/// server has started, and when it cannot say where it listens, keys are required: the decision fails closed. Says so
/// at start, loudly when the API is open to whoever can reach it, and when keys are required but none exist.
/// </summary>
internal sealed partial class ServerExposure(IOptions<AuthOptions> auth, IServer server, ApiKeyStore keys, ILogger<ServerExposure> logger) : IHostedLifecycleService
{
    // Null until the server has started and bound its addresses; then decided once, not parsed again on every request.
    private volatile Decision? decision;

    /// <summary>Whether every request must present a live key (every endpoint but the health checks).</summary>
    public bool KeysRequired => decision?.KeysRequired ?? auth.Value.Mode != "disabled";

    /// <summary>Runs after every hosted service has started, the web server included: its addresses are all bound by then.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = string.Join(';', server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        decision = new Decision(addresses.Length > 0 ? auth.Value.KeysRequired(addresses) : auth.Value.Mode != "disabled");
        if (!KeysRequired)
        {
            if (auth.Value.Mode == "disabled" && !AuthOptions.LoopbackOnly(addresses))
            {
                LogOpenToTheNetwork(addresses);
            }
            else
            {
                LogOpenOnLoopback(addresses);
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

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

    private sealed record Decision(bool KeysRequired);
}
