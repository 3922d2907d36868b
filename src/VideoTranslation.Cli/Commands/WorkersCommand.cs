using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VideoTranslation.Cli.Output;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts workers</c>: the operator view of a deployment, from any node: the queues and the worker processes.</summary>
internal static class WorkersCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("workers", "Show the queues and the worker processes: alive, queues served, jobs held, last heartbeat.");
        client.AddTo(command, withTimeout: false);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, _) =>
        {
            var queues = await api.GetQueuesAsync(cancellationToken);
            var workers = await api.GetWorkersAsync(cancellationToken);
            if (parse.GetValue(client.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { queues, workers }, JobPrinter.JsonOptions));
                return ExitCodes.Success;
            }

            var queueTable = new Table().Title("Queues").AddColumns("queue", "due", "delayed", "running", "oldest wait", "live workers");
            foreach (var queue in queues)
            {
                queueTable.AddRow(
                    new Text(queue.Name), new Text(Count(queue.Due)), new Text(Count(queue.Delayed)), new Text(Count(queue.Running)),
                    new Text(queue.OldestDueSeconds is { } seconds ? $"{seconds:0.0} s" : "-"),
                    queue.Workers == 0 && queue.Due > 0 ? new Markup("[red]0[/]") : new Text(Count(queue.Workers)));
            }

            AnsiConsole.Write(queueTable);
            var workerTable = new Table().Title("Workers").AddColumns("worker", "alive", "queues", "slots", "last heartbeat", "jobs");
            var now = DateTimeOffset.UtcNow;
            foreach (var worker in workers)
            {
                var jobs = worker.Jobs.Count == 0
                    ? "-"
                    : string.Join("\n", worker.Jobs.Select(job => $"{job.Id} {job.Stage ?? job.Queue} {job.Progress:P0}"));
                workerTable.AddRow(
                    new Text(worker.Id), new Markup(worker.Alive ? "[green]yes[/]" : "[red]no[/]"), new Text(string.Join(", ", worker.Queues)),
                    new Text(Count(worker.Concurrency)), new Text($"{(now - worker.LastHeartbeatAt).TotalSeconds:0} s ago"), new Text(jobs));
            }

            AnsiConsole.Write(workerTable);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
