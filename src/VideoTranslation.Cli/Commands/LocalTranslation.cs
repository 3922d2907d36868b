using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts translate VIDEO</c> without a server: runs the pipeline in this process with the engines configured as a
/// server's would be (<c>Engines:*</c>, offline by default), shows its progress, and writes the results beside the video. Intermediate files live in OUT/.work until
/// the run succeeds, so running the same command again after a failure resumes instead of starting over.
/// </summary>
internal static class LocalTranslation
{
    public static async Task<int> RunAsync(FileInfo video, PipelineRequest request, DirectoryInfo? outputDirectory, bool json, CancellationToken cancellationToken)
    {
        if (!video.Exists)
        {
            Console.Error.WriteLine($"error: no such file: {video.FullName}");
            return ExitCodes.Rejected;
        }

        var output = outputDirectory ?? new DirectoryInfo(Path.Combine(video.DirectoryName!, Path.GetFileNameWithoutExtension(video.Name) + ".translated"));
        var work = Path.Combine(output.FullName, ".work");
        await using var engines = new ServiceCollection()
            .AddSingleton(VideoTranslation.Server.Hosting.VideoTranslationServer.LoadConfiguration())
            .AddTranslationPipeline()
            .BuildServiceProvider();
        TranslationPipeline pipeline;
        try
        {
            pipeline = engines.GetRequiredService<TranslationPipeline>();
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.StartFailed;
        }

        try
        {
            if (JobProgressBar.Shown(json))
            {
                await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"Translating {video.Name}", maxValue: 1);
                        await pipeline.RunAsync(request, work, new ProgressReporter(task, video.Name), cancellationToken);
                        task.Value = 1;
                    });
            }
            else
            {
                await pipeline.RunAsync(request, work, progress: null, cancellationToken);
            }

            var written = Publish(work, request, video, output);
            Directory.Delete(work, recursive: true);
            ArtifactFiles.Print(output.FullName, written, json);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is MediaException or SubtitleFormatException or ToolException or GlossaryExpansionException)
        {
            // Run by the person who owns the machine: the tool's own words help them, unlike a server's users.
            Console.Error.WriteLine(ex is ToolException { StandardError.Length: > 0 } tool ? $"error: {ex.Message} {ExternalTool.LastLines(tool.StandardError)}" : $"error: {ex.Message}");
            return ExitCodes.JobFailed;
        }
        catch (UnsupportedLanguageException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Rejected;
        }
    }

    /// <summary>Moves the results out of the work directory under names that say what they are.</summary>
    private static List<string> Publish(string work, PipelineRequest request, FileInfo video, DirectoryInfo output)
    {
        var stem = Path.GetFileNameWithoutExtension(video.Name);
        return [.. PipelineArtifacts.Existing(work, request.TargetLanguages.Select(language => language.Value)).Select(artifact =>
        {
            var target = Path.Combine(output.FullName, ArtifactFiles.NameFor(stem, artifact.Name));
            File.Move(artifact.Path, target, overwrite: true);
            return target;
        })];
    }

    /// <summary>Pipeline progress onto the progress bar (Spectre's task is safe to update from any thread).</summary>
    private sealed class ProgressReporter(ProgressTask task, string name) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value)
        {
            task.Value = value.Fraction;
            var stage = value.Stage.ToString();
            task.Description = Markup.Escape($"{name}: {stage.ToLowerInvariant()}{(value.Language is null ? "" : $" ({value.Language})")}");
        }
    }
}
