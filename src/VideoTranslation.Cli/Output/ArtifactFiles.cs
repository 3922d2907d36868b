using System.Text.Json;
using Spectre.Console;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Output;

/// <summary>
/// What an artifact is called beside the video, the same whether it was made in-process or downloaded from a
/// server: <c>talk.es.srt</c>, <c>talk.transcript.json</c>, and the video as <c>talk.translated.mp4</c>.
/// </summary>
internal static class ArtifactFiles
{
    public static string NameFor(string videoStem, string artifactName) =>
        artifactName.StartsWith("output.", StringComparison.Ordinal)
            ? $"{videoStem}.translated{Path.GetExtension(artifactName)}"
            : $"{videoStem}.{artifactName}";

    /// <summary>Downloads <paramref name="artifacts"/> of a job into <paramref name="directory"/>, named after <paramref name="videoStem"/>.</summary>
    public static async Task<IReadOnlyList<string>> DownloadAsync(
        VideoTranslationClient api, string jobId, IEnumerable<VideoArtifact> artifacts, string videoStem, string directory, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        foreach (var artifact in artifacts)
        {
            var file = Path.Combine(directory, NameFor(videoStem, artifact.Name));
            await api.DownloadArtifactAsync(jobId, artifact.Name, file, cancellationToken);
            written.Add(file);
        }

        return written;
    }

    /// <summary>What a job made: all its artifacts but the upload, which whoever downloads them started from.</summary>
    public static bool IsOutput(VideoArtifact artifact) => artifact.Kind != "original";

    /// <summary>What a video translation wrote: a list for people, or with <c>--json</c> one object for scripts.</summary>
    public static void Print(string directory, IReadOnlyList<string> files, bool json, string? jobId = null)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { JobId = jobId, Directory = directory, Files = files }, JobPrinter.JsonOptions));
            return;
        }

        AnsiConsole.MarkupLineInterpolated($"[green]Done.[/] Files written to {directory}:");
        foreach (var file in files)
        {
            Console.WriteLine($"  {Path.GetFileName(file)}");
        }
    }
}
