using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Editing;

namespace VideoTranslation.Server.Api.V1;

/// <summary>One render of a job: when it finished, per track the cues it changed, and the links to its subtitles and dubbing reports.</summary>
public sealed record RevisionResource(int Revision, DateTime RenderedAt, IReadOnlyDictionary<string, IReadOnlyList<string>> Changes, IReadOnlyDictionary<string, string> Artifacts)
{
    /// <param name="latest">The job's current revision, whose files have the plain names; earlier ones are <c>rN.</c> names.</param>
    public static RevisionResource From(TranslationJob job, RenderRevision revision, bool latest, IReadOnlyList<Artifact> artifacts)
    {
        var prefix = latest ? "" : $"r{revision.Revision}.";
        var kept = PipelineArtifacts.Snapshot("", job.Video?.TargetLanguages ?? []).Select(artifact => prefix + artifact.Name).ToHashSet(StringComparer.Ordinal);
        return new RevisionResource(
            revision.Revision,
            revision.RenderedAt.UtcDateTime,
            revision.Changes,
            artifacts.Where(artifact => kept.Contains(artifact.Name)).ToDictionary(artifact => artifact.Name[prefix.Length..], artifact => artifact.UrlFor(job.Id)));
    }
}
