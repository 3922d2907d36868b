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

    public Task<IReadOnlyDictionary<string, long>> ListAsync(JobId id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(files.LocalFiles(id).ToDictionary(file => file.RelativePath, file => file.Size));

    public Task<string?> LocalCopyAsync(JobId id, string relativePath, long size, CancellationToken cancellationToken)
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

    public bool ReplacesFiles => true; // the data directory is the one copy
}
