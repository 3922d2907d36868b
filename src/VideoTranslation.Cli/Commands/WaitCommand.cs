using System.CommandLine;
using VideoTranslation.Cli.Output;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts wait ID</c>: wait for a job started elsewhere. Exit code 0 completed, 1 error, 2 timeout.</summary>
internal static class WaitCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var command = new Command("wait", "Wait for a job to finish, with a live progress bar on a terminal.") { id };
        client.AddTo(command, withTimeout: true);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, printer) =>
        {
            printer.Print(await JobProgressBar.WaitAsync(api, api.GetOperation(parse.GetValue(id)!), parse.GetValue(client.Json), cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }
}
