using VideoTranslation.Domain;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// The default: the data directory is the store. On one machine that is all; for several, mount one network file
/// system at the same path on every node, and each sees the others' files as they are written.
/// </summary>
internal sealed class DirectoryArtifactStore(JobFiles files) : IArtifactStore
{
    public Task PullAsync(JobId id, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PushAsync(JobId id, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, StoredFile>> ListAsync(JobId id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, StoredFile>>(
            files.LocalFiles(id).ToDictionary(file => file.RelativePath, file => new StoredFile(file.Size, file.Version)));

    public Task<string?> LocalCopyAsync(JobId id, string relativePath, StoredFile file, CancellationToken cancellationToken)
    {
        var path = files.PathFor(id, relativePath);
        return Task.FromResult(File.Exists(path) ? path : null);
    }

    public Task EvictLocalCopyAsync(JobId id) => Task.CompletedTask;

    public Task DeleteAsync(JobId id, CancellationToken cancellationToken)
    {
        files.Delete(id);
        return Task.CompletedTask;
    }

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the data directory check covers it
}
