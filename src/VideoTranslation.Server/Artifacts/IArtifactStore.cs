using VideoTranslation.Domain;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// Where video jobs' files are kept so that every node can reach them: the upload, each stage's output, and the
/// artifacts. Tools (ffmpeg, recognizers) work on local files, so each node works in its own job directory
/// (<see cref="JobFiles"/>) and the store moves files between that and the shared place: the data directory
/// itself (local, or a network file system mounted on every node), or an S3-compatible bucket.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Makes the job's local directory what is stored (a worker, before it runs the job): brings in the files that are
    /// missing here or were replaced since, and removes those removed from the store since this copy last had them.
    /// </summary>
    Task PullAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the store what the job's local directory is (after an upload, a stage, a run): stores the files that are new
    /// or changed here, and removes the stored files that were removed here since (a render deletes stale outputs).
    /// </summary>
    Task PushAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>The job's stored files: paths relative to its directory, with '/' separators, and their sizes and versions.</summary>
    Task<IReadOnlyDictionary<string, StoredFile>> ListAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>
    /// A local path holding the stored file <paramref name="relativePath"/> as <paramref name="file"/> describes it (as
    /// <see cref="ListAsync"/> gave it), fetched if the local copy is missing or another version; null when it is gone.
    /// </summary>
    Task<string?> LocalCopyAsync(JobId id, string relativePath, StoredFile file, CancellationToken cancellationToken);

    /// <summary>Drops the local working copy of the job's files where they are stored elsewhere (a no-op where the local ones are the stored ones).</summary>
    Task EvictLocalCopyAsync(JobId id);

    /// <summary>Removes the job's files, stored and local. Nothing there is not an error.</summary>
    Task DeleteAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached (for <c>/readyz</c>).</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
