using System.CommandLine;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts translate VIDEO --to es[,pt]</c> translates a video here, in this process, or with <c>--server</c> through a
/// server's v1 API. Without a video it is the seed
/// API's job: <c>vts translate --from en --to es</c> starts one on a server and, unless told not to, waits for it.
/// </summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var video = new Argument<FileInfo?>("video")
        {
            Description = "A video to translate: in this process with the offline engines, or on --server if given; without it, a seed-API job is started",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var from = new Option<string>("--from", "-f") { Description = "Source language, e.g. en, or auto where the recognizer can detect it [default for a video: en]" };
        var to = new Option<string>("--to", "-t") { Description = "Target language(s), comma-separated: es, or es,pt-BR,ca", Required = true };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Where a video's results go [default: VIDEO-NAME.translated beside the video]" };
        var noDub = new Option<bool>("--no-dub") { Description = "Subtitles only: no dubbed audio" };
        var replaceAudio = new Option<bool>("--replace-audio") { Description = "Dub alone, without the original audio ducked underneath" };
        var subtitles = new Option<FileInfo>("--subtitles") { Description = "Source-language SRT or WebVTT to use instead of speech recognition" };
        var maxSpeedUp = new Option<double>("--max-speed-up") { Description = "Fastest the dub may be played to fit its slot before it borrows silence [default: 1.35]", DefaultValueFactory = _ => 1.35 };
        var burn = new Option<bool>("--burn-subtitles") { Description = "Draw the first target language's subtitles into the picture (re-encodes the video) instead of subtitle tracks" };
        var speakers = new Option<string>("--speakers")
        {
            Description = "How many people speak, 1 to 10, or auto to estimate it; each gets a voice of their own in the dub [default: auto]",
            DefaultValueFactory = _ => "auto",
        };
        speakers.Validators.Add(result =>
        {
            if (SpeakerCount(result.GetValueOrDefault<string>()) is null && result.GetValueOrDefault<string>() != "auto")
            {
                result.AddError("--speakers takes auto or a number from 1 to 10.");
            }
        });
        var jobId = new Option<string>("--job-id") { Description = "Seed job: choose the job id (sending it again is idempotent)" };
        var noWait = new Option<bool>("--no-wait") { Description = "Seed job: print the job id and return without waiting" };

        var command = new Command("translate", "Translate a video here, or start a seed-API translation job on a server.")
        {
            video, from, to, output, noDub, replaceAudio, subtitles, burn, maxSpeedUp, speakers, jobId, noWait,
        };
        client.AddTo(command, withTimeout: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(video) is not { } file)
            {
                return await StartSeedJobAsync(client, parse, parse.GetValue(from), parse.GetValue(to)!, parse.GetValue(jobId), parse.GetValue(noWait), cancellationToken);
            }

            if (!TryLanguages(parse.GetValue(from) ?? "en", parse.GetValue(to)!, out var source, out var targets))
            {
                return ExitCodes.Rejected;
            }

            if (parse.GetResult(client.Server) is { Implicit: false })
            {
                var options = new VideoTranslationOptions
                {
                    SourceLanguage = source.Value,
                    Dub = !parse.GetValue(noDub),
                    KeepOriginalAudio = !parse.GetValue(replaceAudio),
                    SourceSubtitlesPath = parse.GetValue(subtitles)?.FullName,
                    Subtitles = parse.GetValue(burn) ? "burned" : "soft",
                    Speakers = SpeakerCount(parse.GetValue(speakers)),
                };
                targets.ForEach(target => options.TargetLanguages.Add(target.Value));
                return await RemoteTranslation.RunAsync(client, parse, file, options, parse.GetValue(output), cancellationToken);
            }

            var request = new PipelineRequest
            {
                InputPath = file.FullName,
                SourceLanguage = source,
                TargetLanguages = targets,
                Dub = !parse.GetValue(noDub),
                KeepOriginalAudio = !parse.GetValue(replaceAudio),
                SourceSubtitlesPath = parse.GetValue(subtitles)?.FullName,
                BurnSubtitles = parse.GetValue(burn),
                MaxSpeedUp = Math.Clamp(parse.GetValue(maxSpeedUp), 1, 2),
                Speakers = SpeakerCount(parse.GetValue(speakers)),
            };
            return await LocalTranslation.RunAsync(file, request, parse.GetValue(output), parse.GetValue(client.Json), cancellationToken);
        });
        return command;
    }

    /// <summary>The count <c>--speakers</c> gives, or null for auto (and for anything else, which the validator refuses).</summary>
    private static int? SpeakerCount(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 10 ? count : null;

    private static Task<int> StartSeedJobAsync(
        ClientOptions client, ParseResult parse, string? from, string to, string? jobId, bool noWait, CancellationToken cancellationToken)
    {
        if (from is null)
        {
            Console.Error.WriteLine("error: a seed job needs --from (the source language), e.g. vts translate --from en --to es.");
            return Task.FromResult(ExitCodes.Rejected);
        }

        return ClientCommand.RunAsync(client, parse, async (api, printer) =>
        {
            var operation = await api.StartTranslationAsync(from, to, jobId, cancellationToken);
            if (noWait)
            {
                printer.Print(await operation.UpdateStatusAsync(cancellationToken));
                return ExitCodes.Success;
            }

            printer.Started(operation.JobId);
            printer.Print(await JobProgressBar.WaitAsync(api, operation, parse.GetValue(client.Json), cancellationToken));
            return ExitCodes.Success;
        });
    }

    private static bool TryLanguages(string from, string to, out LanguageCode source, out List<LanguageCode> targets)
    {
        targets = [];
        source = LanguageCode.Auto;
        if (!from.Equals("auto", StringComparison.OrdinalIgnoreCase) && !LanguageCode.TryParse(from, out source, out var sourceError))
        {
            Console.Error.WriteLine($"error: --from: {sourceError}");
            return false;
        }

        foreach (var tag in to.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!LanguageCode.TryParse(tag, out var target, out var targetError))
            {
                Console.Error.WriteLine($"error: --to: {targetError}");
                return false;
            }

            if (target.Language == source.Language)
            {
                Console.Error.WriteLine($"error: --to: '{target}' is the source language.");
                return false;
            }

            targets.Add(target);
        }

        return targets.Count > 0;
    }
}
