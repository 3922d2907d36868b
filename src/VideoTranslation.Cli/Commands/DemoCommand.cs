using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts demo</c>: starts a server of its own on a free loopback port with a fresh data directory, drives it
/// with the client library through several translations (some fail, by the simulated error rate), shows
/// idempotent resubmission and input validation, and prints a summary. Then it translates a short generated
/// video for real, offline, into ./vts-demo, where the result can be played.
/// </summary>
internal static class DemoCommand
{
    private static readonly (string From, string To)[] Pairs =
        [("en", "es"), ("en", "fr"), ("en", "de"), ("en", "pt-BR"), ("es", "en"), ("en", "ja"), ("fr", "en"), ("en", "it")];

    private sealed record Outcome(string From, string To, string JobId, TranslationJobStatus Status, TimeSpan Elapsed, string? Error);

    public static Command Create()
    {
        var jobs = new Option<int>("--jobs") { Description = "How many translations to run", DefaultValueFactory = _ => 8 };
        var minSeconds = new Option<double>("--sim-min-seconds") { Description = "Shortest simulated job", DefaultValueFactory = _ => 1 };
        var maxSeconds = new Option<double>("--sim-max-seconds") { Description = "Longest simulated job", DefaultValueFactory = _ => 3 };
        var errorRate = new Option<double>("--sim-error-rate") { Description = "Probability that a job fails", DefaultValueFactory = _ => 0.3 };
        var noVideo = new Option<bool>("--no-video") { Description = "Skip the real translation of a generated video" };

        var command = new Command("demo", "Start a server of its own and run the client through a few translations.")
        {
            jobs, minSeconds, maxSeconds, errorRate, noVideo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Simulation:MinSeconds"] = Invariant(parse.GetValue(minSeconds)),
                ["Simulation:MaxSeconds"] = Invariant(parse.GetValue(maxSeconds)),
                ["Simulation:ErrorRate"] = Invariant(parse.GetValue(errorRate)),
            };
            var exitCode = await RunAsync(Math.Clamp(parse.GetValue(jobs), 1, 100), settings, cancellationToken);
            return exitCode != ExitCodes.Success || parse.GetValue(noVideo) ? exitCode : await TranslateSampleVideoAsync(cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(int jobCount, Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("vts-demo-").FullName;
        settings["urls"] = "http://127.0.0.1:0";
        settings["Storage:DataDirectory"] = dataDirectory;
        settings["Workers:Concurrency"] = Invariant(jobCount);
        LoggingOptions.ApplyLevel("warning", settings);

        try
        {
            await using var server = VideoTranslationServer.Create(overrides: settings);
            await server.StartAsync(cancellationToken);
            var url = server.Urls.First();
            AnsiConsole.MarkupLineInterpolated(
                $"[bold]VideoTranslation demo[/]: server on [blue]{url}[/], simulated engine taking {settings["Simulation:MinSeconds"]}-{settings["Simulation:MaxSeconds"]} s per job and failing {double.Parse(settings["Simulation:ErrorRate"]!, CultureInfo.InvariantCulture) * 100:0.#}% of them.");
            AnsiConsole.WriteLine();

            using var client = new VideoTranslationClient(url, new TranslationConfig { BaseTimeout = TimeSpan.FromMinutes(2) });
            var outcomes = await Task.WhenAll(Enumerable.Range(0, jobCount)
                .Select(i => TranslateAsync(client, Pairs[i % Pairs.Length], cancellationToken)));

            AnsiConsole.WriteLine();
            await ShowIdempotencyAsync(client, outcomes[0], cancellationToken);
            await ShowValidationAsync(client, cancellationToken);
            AnsiConsole.WriteLine();
            AnsiConsole.Write(Summary(outcomes));

            await server.StopAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or TranslationApiException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The demo did not run as expected:[/] {ex.Message}");
            return ExitCodes.Unreachable;
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>A real, offline translation of a generated video with English speech into Spanish.</summary>
    private static async Task<int> TranslateSampleVideoAsync(CancellationToken cancellationToken)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine("[bold]A real translation[/]: a generated video with English speech, into Spanish, offline (pocketsphinx, apertium, espeak-ng, ffmpeg).");
        if (OfflineTools.FirstOrDefault(tool => !ExternalTool.IsInstalled(tool)) is { } missing)
        {
            Console.Error.WriteLine($"error: {missing} is not installed; run ./scripts/install.sh first.");
            return ExitCodes.JobFailed;
        }

        var output = Directory.CreateDirectory(Path.Combine(Environment.CurrentDirectory, "vts-demo"));
        var video = await SampleVideo.CreateAsync(output.FullName, SampleSpeech, seconds: 12, "sample.mp4", cancellationToken: cancellationToken);
        var request = new PipelineRequest { InputPath = video, SourceLanguage = LanguageCode.Parse("en"), TargetLanguages = [LanguageCode.Parse("es")] };
        var exitCode = await LocalTranslation.RunAsync(new FileInfo(video), request, output, json: false, cancellationToken);
        if (exitCode == ExitCodes.Success)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine("[bold]Spanish subtitles[/] (vts-demo/sample.es.srt):");
            Console.WriteLine(await File.ReadAllTextAsync(Path.Combine(output.FullName, "sample.es.srt"), cancellationToken));
            AnsiConsole.MarkupLine("Play the dubbed, subtitled video: [blue]ffplay vts-demo/sample.translated.mp4[/] (or any player).");
            AnsiConsole.MarkupLine("Or translate your own in the browser: [blue]./vts serve[/], then open [blue]http://127.0.0.1:8000[/].");
        }

        return exitCode;
    }

    private static async Task<Outcome> TranslateAsync(VideoTranslationClient client, (string From, string To) pair, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var operation = await client.StartTranslationAsync(pair.From, pair.To, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"[grey]started[/]   {pair.From} -> {pair.To,-6} job {operation.JobId}");
        try
        {
            await operation.WaitForCompletionAsync(cancellationToken: cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"[green]completed[/] {pair.From} -> {pair.To,-6} in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            return new Outcome(pair.From, pair.To, operation.JobId, TranslationJobStatus.Completed, stopwatch.Elapsed, null);
        }
        catch (TranslationException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error[/]     {pair.From} -> {pair.To,-6} in {stopwatch.Elapsed.TotalSeconds:0.0} s: {ex.ServerMessage}");
            return new Outcome(pair.From, pair.To, operation.JobId, TranslationJobStatus.Error, stopwatch.Elapsed, ex.ServerMessage);
        }
    }

    private static async Task ShowIdempotencyAsync(VideoTranslationClient client, Outcome first, CancellationToken cancellationToken)
    {
        var again = await client.StartTranslationAsync(first.From, first.To, first.JobId, cancellationToken);
        var job = await again.UpdateStatusAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated(
            $"Resubmitting job {first.JobId} with the same request returned the same job, still [bold]{job.Status.ToString().ToLowerInvariant()}[/] (no second job).");
    }

    private static async Task ShowValidationAsync(VideoTranslationClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.StartTranslationAsync("en", "klingon", cancellationToken);
        }
        catch (TranslationApiException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"Asking for en -> klingon is refused with {(int)ex.StatusCode}: {ex.Detail}");
        }
    }

    private static Table Summary(Outcome[] outcomes)
    {
        var table = new Table().Title("Summary").AddColumns("languages", "status", "seconds", "job id");
        foreach (var outcome in outcomes)
        {
            table.AddRow(
                new Text($"{outcome.From} -> {outcome.To}"),
                new Markup(JobPrinter.StatusMarkup(outcome.Status)),
                new Text(outcome.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)),
                new Text(outcome.JobId));
        }

        var completed = outcomes.Count(o => o.Status == TranslationJobStatus.Completed);
        table.Caption($"{completed} completed, {outcomes.Length - completed} failed by the simulated error rate");
        return table;
    }

    private static readonly string[] OfflineTools = ["ffmpeg", "flite", "pocketsphinx_continuous", "apertium", "espeak-ng"];

    private const string SampleSpeech = "Good morning everyone. The house is very big. We will go to the beach tomorrow.";

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
