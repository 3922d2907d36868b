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
    /// Whether a job's stored files may be rewritten under the same names (a render does): true where every node sees the
    /// one copy; false where copies are told apart by size and a file removed here comes back at the next pull.
    /// </summary>
    bool ReplacesFiles { get; }

    /// <summary>Brings the job's stored files that are missing here into its local directory (a worker, before it runs the job).</summary>
    Task PullAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>Stores the job's local files that are not stored yet or changed (after an upload, a stage, a run).</summary>
    Task PushAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>The job's stored files: paths relative to its directory, with '/' separators, and sizes.</summary>
    Task<IReadOnlyDictionary<string, long>> ListAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>
    /// A local path holding the stored file <paramref name="relativePath"/> of <paramref name="size"/> bytes (as
    /// <see cref="ListAsync"/> gave it), fetched if the local copy is missing or differs; null when it is gone.
    /// </summary>
    Task<string?> LocalCopyAsync(JobId id, string relativePath, long size, CancellationToken cancellationToken);

    /// <summary>Drops the local working copy of the job's files where they are stored elsewhere (a no-op where the local ones are the stored ones).</summary>
    Task EvictLocalCopyAsync(JobId id);

    /// <summary>Removes the job's files, stored and local. Nothing there is not an error.</summary>
    Task DeleteAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be reached (for <c>/readyz</c>).</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
