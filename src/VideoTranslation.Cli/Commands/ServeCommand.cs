using System.CommandLine;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts serve</c>: run the API server with in-process workers on the embedded store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var options = new ServerOptions();
        var command = new Command("serve", "Run the translation server (seed API on /translate and /job/{job_id}) with its workers.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = VideoTranslationServer.Create(overrides: options.ToConfiguration(parse));
            await app.RunAsync();
            return ExitCodes.Success;
        });
        return command;
    }
}
