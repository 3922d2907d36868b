using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's artifacts: the pipeline's outputs (<see cref="PipelineArtifacts"/>) stored so far. Only names from
/// this catalog can be downloaded, so a request can never reach any other file.
/// </summary>
public sealed class ArtifactCatalog(IArtifactStore store, JobFiles files)
{
    public async Task<IReadOnlyList<Artifact>> ForAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        if (job.Video is not { } spec || job.State == JobState.Cancelled)
        {
            return [];
        }

        var stored = await store.ListAsync(job.Id, cancellationToken);
        var directory = files.DirectoryFor(job.Id);
        return [.. PipelineArtifacts.All(files.WorkFor(job.Id), spec.TargetLanguages)
            .Select(artifact => (Artifact: artifact, Path: Path.GetRelativePath(directory, artifact.Path).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(candidate => stored.ContainsKey(candidate.Path))
            .Select(found => new Artifact(
                found.Artifact.Name, found.Path, found.Artifact.ContentType, found.Artifact.Kind, found.Artifact.Language, stored[found.Path]))];
    }
}
