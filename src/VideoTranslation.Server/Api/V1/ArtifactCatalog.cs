using Microsoft.Extensions.Caching.Memory;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's artifacts: the pipeline's outputs (<see cref="PipelineArtifacts"/>) stored so far. Only names from
/// this catalog can be downloaded, so a request can never reach any other file.
/// </summary>
public sealed class ArtifactCatalog(IArtifactStore store, JobFiles files) : IDisposable
{
    // A finished job's files no longer change (deleting the job makes it unreachable first), so its list is read from
    // the store once per node instead of at every read, stream event, webhook and list page (a ListObjects call each
    // with S3). Bounded by count: the least recently read fall out.
    private readonly MemoryCache finished = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    // The upload's type by its extension (kept from the client's file name when short and plain).
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".mkv"] = "video/x-matroska",
        [".webm"] = "video/webm",
        [".avi"] = "video/x-msvideo",
        [".ts"] = "video/mp2t",
        [".m4a"] = "audio/mp4",
        [".mp3"] = "audio/mpeg",
        [".wav"] = "audio/wav",
        [".ogg"] = "audio/ogg",
    };

    public async Task<IReadOnlyList<Artifact>> ForAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        if (job.Video is not { } spec || job.State == JobState.Cancelled)
        {
            return [];
        }

        var key = (job.Id, job.CreatedAt, job.Version); // a seed job id can be used again after a delete
        if (finished.TryGetValue(key, out IReadOnlyList<Artifact>? cached))
        {
            return cached!;
        }

        var artifacts = await ListAsync(job, spec, cancellationToken);
        if (job.State.IsTerminal())
        {
            finished.Set(key, artifacts, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return artifacts;
    }

    public void Dispose() => finished.Dispose();

    private async Task<IReadOnlyList<Artifact>> ListAsync(TranslationJob job, VideoJobSpec spec, CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(job.Id, cancellationToken);
        var directory = files.DirectoryFor(job.Id);
        var work = files.WorkFor(job.Id);
        return [.. PipelineArtifacts.All(work, spec.TargetLanguages).Append(Original(job.Id, spec))
            .Concat(PipelineArtifacts.Revisions(work, spec.TargetLanguages, before: KeptRevisions(stored) + 1))
            .Select(artifact => (Artifact: artifact, Path: Path.GetRelativePath(directory, artifact.Path).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(candidate => stored.ContainsKey(candidate.Path))
            .Select(found => new Artifact(
                found.Artifact.Name, found.Path, found.Artifact.ContentType, found.Artifact.Kind, found.Artifact.Language, stored[found.Path], found.Artifact.Revision))];
    }

    /// <summary>How many earlier revisions have their files kept (<c>work/revisions/N/</c>), from the stored paths.</summary>
    private static int KeptRevisions(IReadOnlyDictionary<string, StoredFile> stored) =>
        stored.Keys
            .Select(path => path.Split('/'))
            .Where(parts => parts is ["work", "revisions", _, _])
            .Select(parts => int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : 0)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>
    /// The uploaded video as it came (e.g. <c>original.mp4</c>): players that cannot switch a file's audio tracks play
    /// its audio beside the translated video to offer the original sound.
    /// </summary>
    private PipelineArtifact Original(JobId id, VideoJobSpec spec) =>
        new("original" + spec.InputExtension, files.InputFor(id, spec), ContentTypes.GetValueOrDefault(spec.InputExtension, "application/octet-stream"), "original", null);
}
