using System.CommandLine;
using VideoTranslation.Cli.Output;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts render ID [--to es]</c>: render a job's edited cues and wait for it like a new job. Exit code 0 completed, 1 error, 2 timeout.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var to = new Option<string?>("--to", "-t") { Description = "Only these target languages, comma-separated (es,pt-BR); every language with changes when left out" };
        var command = new Command("render", "Render a job's edited cues: only changed speech is synthesized again; waits for the new revision.") { id, to };
        client.AddTo(command, withTimeout: true);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, printer) =>
        {
            var languages = parse.GetValue(to)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var job = await api.StartRenderAsync(parse.GetValue(id)!, languages, cancellationToken);
            printer.Print(await JobProgressBar.WaitAsync(api, api.GetOperation(job.Id), parse.GetValue(client.Json), cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }
}
