using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's artifacts: the pipeline's outputs (<see cref="PipelineArtifacts"/>) that exist so far. Only names
/// from this catalog can be downloaded, so a request can never reach any other file.
/// </summary>
public sealed class ArtifactCatalog(JobFiles files)
{
    public IReadOnlyList<Artifact> For(TranslationJob job) => job.Video is not { } spec || job.State == JobState.Cancelled
        ? []
        : [.. PipelineArtifacts.Existing(files.WorkFor(job.Id), spec.TargetLanguages)
            .Select(a => new Artifact(a.Name, a.Path, a.ContentType, a.Kind, a.Language, new FileInfo(a.Path).Length))];
}
