using System.CommandLine;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts translate --from en --to es</c>: start a job on a server and, unless told not to, wait for it.</summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var from = new Option<string>("--from", "-f") { Description = "Source language, e.g. en", Required = true };
        var to = new Option<string>("--to", "-t") { Description = "Target language, e.g. es or pt-BR", Required = true };
        var jobId = new Option<string>("--job-id") { Description = "Choose the job id (sending it again is idempotent)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the job id and return without waiting" };

        var command = new Command("translate", "Start a translation job on a server and wait for it.") { from, to, jobId, noWait };
        client.AddTo(command, withTimeout: true);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, printer) =>
        {
            var operation = await api.StartTranslationAsync(
                parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(jobId), cancellationToken);
            if (parse.GetValue(noWait))
            {
                printer.Print(await operation.UpdateStatusAsync(cancellationToken));
                return ExitCodes.Success;
            }

            printer.Started(operation.JobId);
            printer.Print(await operation.WaitForCompletionAsync(cancellationToken: cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }
}
