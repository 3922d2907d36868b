using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts worker</c>: runs jobs and serves no HTTP API. Point several at one PostgreSQL database (<c>--database</c>)
/// and a shared <c>--data</c> directory, beside API nodes started with <c>vts serve --no-workers</c>.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var options = new ServerOptions();
        var command = new Command("worker", "Run jobs from the job database without serving the API (scale-out).");
        options.AddTo(command, http: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = VideoTranslationServer.CreateWorker(options.ToConfiguration(parse));
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OptionsValidationException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: vts worker could not start: {ServeCommand.Describe(ex)}");
                return ExitCodes.StartFailed;
            }

            await host.WaitForShutdownAsync(CancellationToken.None);
            return ExitCodes.Success;
        });
        return command;
    }
}
