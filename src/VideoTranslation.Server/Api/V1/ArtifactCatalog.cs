using VideoTranslation.Domain;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's artifacts: the pipeline's outputs under stable names. Only names from this catalog can be
/// downloaded, so a request can never reach any other file.
/// </summary>
public sealed class ArtifactCatalog(JobFiles files)
{
    public IReadOnlyList<Artifact> For(TranslationJob job)
    {
        if (job.Video is not { } spec)
        {
            return [];
        }

        var work = files.WorkFor(job.Id);
        List<(string Name, string Path, string Type)> candidates =
        [
            ("transcript.json", Path.Combine(work, "transcript.json"), "application/json"),
            ("source.srt", Path.Combine(work, "source.srt"), "application/x-subrip"),
            ("source.vtt", Path.Combine(work, "source.vtt"), "text/vtt"),
        ];
        foreach (var language in spec.TargetLanguages)
        {
            var directory = Path.Combine(work, language);
            candidates.Add(($"{language}.srt", Path.Combine(directory, "subtitles.srt"), "application/x-subrip"));
            candidates.Add(($"{language}.vtt", Path.Combine(directory, "subtitles.vtt"), "text/vtt"));
            candidates.Add(($"{language}.dub.m4a", Path.Combine(directory, "audio.m4a"), "audio/mp4"));
            candidates.Add(($"{language}.dubbing-report.json", Path.Combine(directory, "dubbing-report.json"), "application/json"));
        }

        candidates.Add(("output.mp4", Path.Combine(work, "output.mp4"), "video/mp4"));
        candidates.Add(("output.mkv", Path.Combine(work, "output.mkv"), "video/x-matroska"));
        return [.. candidates.Select(c => (c, file: new FileInfo(c.Path))).Where(x => x.file.Exists)
            .Select(x => new Artifact(x.c.Name, x.c.Path, x.c.Type, x.file.Length))];
    }
}
