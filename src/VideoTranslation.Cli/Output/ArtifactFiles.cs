using System.Text.Json;
using Spectre.Console;

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
