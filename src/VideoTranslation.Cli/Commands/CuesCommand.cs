using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts cues ID TRACK</c>: a rendered job's cues in one track (<c>source</c> or a target language); with
/// <c>--import FILE</c>, replaces their text and times with an SRT or WebVTT file from a subtitle editor.
/// </summary>
internal static class CuesCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var track = new Argument<string>("track") { Description = "'source', or one of the job's target languages (es, pt-BR, ...)" };
        var import = new Option<FileInfo?>("--import")
        {
            Description = "An SRT or WebVTT file with the track's cues in order (exported, edited in a subtitle editor); render afterwards with 'vts render'",
        };
        var command = new Command("cues", "Show a job's cues in one track, or import corrected ones from a subtitle file.") { id, track, import };
        client.AddTo(command, withTimeout: false);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, _) =>
        {
            var cues = parse.GetValue(import) is { } file
                ? await api.ImportCuesAsync(parse.GetValue(id)!, parse.GetValue(track)!, file.FullName, cancellationToken: cancellationToken)
                : await api.GetCuesAsync(parse.GetValue(id)!, parse.GetValue(track)!, cancellationToken);
            if (parse.GetValue(client.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(cues, JobPrinter.JsonOptions));
            }
            else
            {
                Print(cues);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(JobCues cues)
    {
        var table = new Table()
            .Title($"{cues.Track}, revision {cues.Revision}{(cues.Changed ? ", edited since (render to apply)" : "")}")
            .AddColumns("id", "start", "end", "speaker", "text", "");
        foreach (var cue in cues.Cues)
        {
            var flags = string.Join(", ", new[] { cue.Edited ? "edited" : null, cue.Stale ? "source changed" : null }.OfType<string>());
            table.AddRow(
                Markup.Escape(cue.Id),
                cue.Start.ToString("0.000", CultureInfo.InvariantCulture),
                cue.End.ToString("0.000", CultureInfo.InvariantCulture),
                Markup.Escape(cue.Speaker ?? ""),
                Markup.Escape(cue.Text),
                flags);
        }

        AnsiConsole.Write(table);
    }
}
