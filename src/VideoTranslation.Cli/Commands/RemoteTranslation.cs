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

            var artifacts = (await api.GetArtifactsAsync(job.Id, cancellationToken)).Where(ArtifactFiles.IsOutput);
            var written = await ArtifactFiles.DownloadAsync(api, job.Id, artifacts, Path.GetFileNameWithoutExtension(video.Name), output.FullName, cancellationToken);
            ArtifactFiles.Print(output.FullName, written, json, job.Id);
            return ExitCodes.Success;
        });
    }
}
