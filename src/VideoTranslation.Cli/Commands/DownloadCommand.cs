using System.CommandLine;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts download ID</c>: fetch a video job's files from the server, e.g. one started from the web page or a
/// <c>vts translate --server</c> that was interrupted after its upload, named as <c>vts translate</c> names them.
/// </summary>
internal static class DownloadCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Where the files go [default: VIDEO-NAME.translated in the current directory]" };
        var only = new Option<string[]>("--only")
        {
            Description = "Just these artifacts, by name (es.srt, output.mp4, original.mp4, ...) [default: everything the job made]",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("download", "Download a video job's files (transcript, subtitles, dubs, video).") { id, output, only };
        client.AddTo(command, withTimeout: false);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, _) =>
        {
            var job = await api.GetVideoJobAsync(parse.GetValue(id)!, cancellationToken);
            if (job.Status == TranslationJobStatus.Pending)
            {
                Console.Error.WriteLine($"Job {job.Id} is still running ({job.Stage}): these are its files so far. `vts wait {job.Id}` waits for the rest.");
            }

            var artifacts = await api.GetArtifactsAsync(job.Id, cancellationToken);
            var chosen = parse.GetValue(only) is { Length: > 0 } names
                ? names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet()
                : null;
            if (chosen?.Except(artifacts.Select(artifact => artifact.Name)).FirstOrDefault() is { } missing)
            {
                throw new ArgumentException($"Job {job.Id} has no artifact '{missing}'. It has: {string.Join(", ", artifacts.Select(artifact => artifact.Name))}.");
            }

            var stem = job.FileName is { } file ? Path.GetFileNameWithoutExtension(file) : job.Id;
            var selected = artifacts.Where(artifact => chosen?.Contains(artifact.Name) ?? ArtifactFiles.IsOutput(artifact)).ToList();
            if (selected.Count == 0)
            {
                throw new ArgumentException($"Job {job.Id} ({job.Status.ToString().ToLowerInvariant()}) has no files to download.");
            }

            var directory = Directory.CreateDirectory(parse.GetValue(output)?.FullName ?? Path.GetFullPath(stem + ".translated"));
            var written = await ArtifactFiles.DownloadAsync(api, job.Id, selected, stem, directory.FullName, cancellationToken);
            ArtifactFiles.Print(directory.FullName, written, parse.GetValue(client.Json), job.Id);
            return ExitCodes.Success;
        }));
        return command;
    }
}
