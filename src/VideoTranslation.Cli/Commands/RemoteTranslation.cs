using System.CommandLine;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts translate VIDEO --server URL</c>: uploads the video through the client library, follows the job with a
/// progress bar, then downloads every artifact beside the video, named as the in-process translation names them.
/// </summary>
internal static class RemoteTranslation
{
    public static Task<int> RunAsync(
        ClientOptions client, ParseResult parse, FileInfo video, VideoTranslationOptions options, DirectoryInfo? outputDirectory, CancellationToken cancellationToken)
    {
        if (!video.Exists)
        {
            Console.Error.WriteLine($"error: no such file: {video.FullName}");
            return Task.FromResult(ExitCodes.Rejected);
        }

        return ClientCommand.RunAsync(client, parse, async (api, _) =>
        {
            var output = Directory.CreateDirectory(outputDirectory?.FullName ?? Path.Combine(video.DirectoryName!, Path.GetFileNameWithoutExtension(video.Name) + ".translated"));
            var job = await api.StartVideoTranslationAsync(video.FullName, options, cancellationToken);
            Console.Error.WriteLine($"Uploaded {video.Name}: job {job.Id} on {api.BaseAddress}");

            var json = parse.GetValue(client.Json);
            job = await JobProgressBar.WaitAsync(api, job.Id, video.Name, json, cancellationToken);

            var stem = Path.GetFileNameWithoutExtension(video.Name);
            var written = new List<string>();
            // Everything the job made; not the upload itself, which is the file we started from.
            foreach (var artifact in (await api.GetArtifactsAsync(job.Id, cancellationToken)).Where(artifact => artifact.Kind != "original"))
            {
                var file = Path.Combine(output.FullName, ArtifactFiles.NameFor(stem, artifact.Name));
                await api.DownloadArtifactAsync(job.Id, artifact.Name, file, cancellationToken);
                written.Add(file);
            }

            ArtifactFiles.Print(output.FullName, written, json, job.Id);
            return ExitCodes.Success;
        });
    }
}
