using System.CommandLine;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts status ID</c>: show a job once. Exit code 1 if the job ended in error.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var command = new Command("status", "Show a job's status once.") { id };
        client.AddTo(command, withTimeout: false);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, printer) =>
        {
            var job = await api.GetJobAsync(parse.GetValue(id)!, cancellationToken);
            printer.Print(job);
            return job.Status == TranslationJobStatus.Error ? ExitCodes.JobFailed : ExitCodes.Success;
        }));
        return command;
    }
}
