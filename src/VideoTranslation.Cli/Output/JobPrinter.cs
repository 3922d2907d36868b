using System.Text.Json;
using Spectre.Console;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Output;

/// <summary>Prints jobs for people (aligned, coloured where the terminal allows) or as JSON for scripts.</summary>
internal sealed class JobPrinter(bool json)
{
    /// <summary>How the CLI prints JSON for scripts: snake_case like the API, indented.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public void Started(string jobId)
    {
        if (!json)
        {
            Console.Error.WriteLine($"Started job {jobId}; waiting…");
        }
    }

    public void Print(TranslationJob job)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(job, JsonOptions));
            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Text("job"), new Text(job.JobId));
        grid.AddRow(new Text("status"), new Markup(StatusMarkup(job.Status)));
        grid.AddRow(new Text("languages"), new Text($"{job.SourceLanguage} -> {job.TargetLanguage}"));
        grid.AddRow(new Text("created"), new Text(job.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)));
        if (job.ErrorMessage is not null)
        {
            grid.AddRow(new Text("error"), new Text(job.ErrorMessage, new Style(Color.Red)));
        }

        AnsiConsole.Write(grid);
    }

    /// <summary>Plain and unwrapped on stderr, so scripts and logs get the whole message on one line.</summary>
    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");

    public static string StatusMarkup(TranslationJobStatus status) => status switch
    {
        TranslationJobStatus.Completed => "[green]completed[/]",
        TranslationJobStatus.Error => "[red]error[/]",
        TranslationJobStatus.Pending => "[yellow]pending[/]",
        TranslationJobStatus.Cancelled => "[grey]cancelled[/]",
        _ => "[grey]unknown[/]",
    };
}
