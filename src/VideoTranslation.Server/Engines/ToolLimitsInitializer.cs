using Microsoft.Extensions.Options;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Server.Engines;

/// <summary>Applies <see cref="ToolsOptions"/> to every tool run in this process, at start.</summary>
internal sealed class ToolLimitsInitializer(IOptions<ToolsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ExternalTool.Limits = options.Value.ToLimits();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
