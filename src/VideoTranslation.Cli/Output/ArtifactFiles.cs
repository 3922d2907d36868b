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
}
