using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// Jobs' files in an S3-compatible bucket, under <c>{prefix}jobs/{id}/</c>; each node keeps a local copy in its
/// data directory to work on, and a <see cref="SyncRecord"/> of what that copy last matched in the bucket, so only
/// what changed moves either way, and what a render removes is removed everywhere. Files are written whole (every
/// stage writes atomically), so a stored file is complete.
/// </summary>
internal sealed partial class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly JobFiles files;
    private readonly AmazonS3Client s3;
    private readonly string bucket;
    private readonly string prefix;
    private readonly ILogger<S3ArtifactStore> logger;
    private readonly SemaphoreSlim recording = new(1, 1); // a job's sync record is read, changed and written by one at a time

    public S3ArtifactStore(JobFiles files, IOptions<ArtifactStoreOptions> options, ILogger<S3ArtifactStore> logger)
    {
        var settings = options.Value.S3;
        this.files = files;
        this.logger = logger;
        bucket = settings.Bucket!;
        prefix = settings.Prefix;
        var config = new AmazonS3Config
        {
            ServiceURL = settings.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = settings.Region,
            // Checksums only where the API requires them: S3-compatible servers vary in what else they accept.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        s3 = settings.AccessKey is { Length: > 0 } key
            ? new AmazonS3Client(new BasicAWSCredentials(key, settings.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public async Task PullAsync(JobId id, CancellationToken cancellationToken)
    {
        var stored = await ListAsync(id, cancellationToken);
        var record = await SyncRecord.ReadAsync(files.SyncRecordFor(id), cancellationToken);
        var local = files.LocalFiles(id).ToDictionary(file => file.RelativePath);
        var changes = SyncRecord.Empty;
        var forgotten = new List<string>();
        foreach (var (path, file) in stored)
        {
            if (!record.Matches(local.GetValueOrDefault(path), file))
            {
                var (copy, version) = await DownloadAsync(id, path, cancellationToken);
                changes.Synced(copy, version);
            }
        }

        foreach (var file in local.Values.Where(file => !stored.ContainsKey(file.RelativePath) && record.Unchanged(file)))
        {
            File.Delete(files.PathFor(id, file.RelativePath)); // removed from the store since this copy had it
            forgotten.Add(file.RelativePath);
        }

        await RecordAsync(id, changes, forgotten, cancellationToken);
    }

    public async Task PushAsync(JobId id, CancellationToken cancellationToken)
    {
        var stored = await ListAsync(id, cancellationToken);
        var record = await SyncRecord.ReadAsync(files.SyncRecordFor(id), cancellationToken);
        var local = files.LocalFiles(id);
        var changes = SyncRecord.Empty;
        var forgotten = new List<string>();
        foreach (var file in local.Where(file => !(record.Unchanged(file) && stored.ContainsKey(file.RelativePath))))
        {
            // The file as listed before it is sent: if a stage replaces it meanwhile, its new time sends it again next time.
            var sent = await s3.PutObjectAsync(
                new PutObjectRequest { BucketName = bucket, Key = Key(id, file.RelativePath), FilePath = files.PathFor(id, file.RelativePath), UseChunkEncoding = false },
                cancellationToken);
            changes.Synced(file, VersionOf(sent.ETag, file.Size, written: null));
            LogStored(id.Value, file.RelativePath, file.Size);
        }

        var here = local.Select(file => file.RelativePath).ToHashSet();
        foreach (var path in record.Paths.Where(path => !here.Contains(path) && stored.GetValueOrDefault(path)?.Version == record.VersionOf(path)))
        {
            await s3.DeleteObjectAsync(bucket, Key(id, path), cancellationToken); // removed here since it was stored
            forgotten.Add(path);
            LogRemoved(id.Value, path);
        }

        await RecordAsync(id, changes, forgotten, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, StoredFile>> ListAsync(JobId id, CancellationToken cancellationToken)
    {
        var root = Key(id, "");
        var listed = new Dictionary<string, StoredFile>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = root };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in response.S3Objects ?? [])
            {
                var size = entry.Size ?? 0;
                listed[entry.Key[root.Length..]] = new StoredFile(size, VersionOf(entry.ETag, size, entry.LastModified));
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return listed;
    }

    public async Task<string?> LocalCopyAsync(JobId id, string relativePath, StoredFile file, CancellationToken cancellationToken)
    {
        var path = files.PathFor(id, relativePath);
        var local = File.Exists(path) ? Describe(relativePath, path) : null;
        if ((await SyncRecord.ReadAsync(files.SyncRecordFor(id), cancellationToken)).Matches(local, file))
        {
            return path;
        }

        try
        {
            var changes = SyncRecord.Empty;
            var (copy, version) = await DownloadAsync(id, relativePath, cancellationToken);
            changes.Synced(copy, version);
            await RecordAsync(id, changes, [], cancellationToken);
            return path;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null; // deleted since it was listed
        }
    }

    public Task EvictLocalCopyAsync(JobId id)
    {
        files.Delete(id);
        return Task.CompletedTask;
    }

    public async Task DeleteAsync(JobId id, CancellationToken cancellationToken)
    {
        foreach (var path in (await ListAsync(id, cancellationToken)).Keys)
        {
            await s3.DeleteObjectAsync(bucket, Key(id, path), cancellationToken);
        }

        files.Delete(id);
    }

    public Task CheckAsync(CancellationToken cancellationToken) =>
        s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken);

    public void Dispose()
    {
        s3.Dispose();
        recording.Dispose();
    }

    private string Key(JobId id, string relativePath) => $"{prefix}jobs/{id.Value}/{relativePath}";

    /// <summary>
    /// Downloads under a temporary name, then renames: a local file is whole or absent, as the pipeline expects. Gives the
    /// local file as written and the version it holds.
    /// </summary>
    private async Task<(LocalFile Copy, string Version)> DownloadAsync(JobId id, string relativePath, CancellationToken cancellationToken)
    {
        var path = files.PathFor(id, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".download";
        string version;
        using (var response = await s3.GetObjectAsync(bucket, Key(id, relativePath), cancellationToken))
        await using (var file = File.Create(partial))
        {
            await response.ResponseStream.CopyToAsync(file, cancellationToken);
            version = VersionOf(response.ETag, response.ContentLength, response.LastModified);
        }

        File.Move(partial, path, overwrite: true);
        return (Describe(relativePath, path), version);
    }

    private static LocalFile Describe(string relativePath, string path)
    {
        var info = new FileInfo(path);
        return new LocalFile(relativePath, info.Length, info.LastWriteTimeUtc);
    }

    /// <summary>
    /// A stored file's version: its ETag (a digest of its content on S3 and the servers like it), or where a server gives
    /// none, its size and time of writing.
    /// </summary>
    private static string VersionOf(string? etag, long size, DateTime? written) =>
        etag is { Length: > 0 } ? etag.Trim('"') : $"{size:x}-{written?.Ticks ?? 0:x}";

    /// <summary>
    /// Adds what a pull, push or download changed to the job's record, read again now: transfers run unlocked, and two
    /// of them may finish at once (a download for the API beside a worker's push). Nothing is recorded for a copy
    /// evicted meanwhile, since its files went with it.
    /// </summary>
    private async Task RecordAsync(JobId id, SyncRecord changes, IReadOnlyList<string> forgotten, CancellationToken cancellationToken)
    {
        await recording.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(files.DirectoryFor(id)))
            {
                return;
            }

            var path = files.SyncRecordFor(id);
            var record = await SyncRecord.ReadAsync(path, cancellationToken);
            record.Apply(changes, forgotten);
            await record.WriteAsync(path, cancellationToken);
        }
        finally
        {
            recording.Release();
        }
    }

    [LoggerMessage(LogLevel.Debug, "Stored {Path} of job {JobId} ({Size} bytes)")]
    private partial void LogStored(string jobId, string path, long size);

    [LoggerMessage(LogLevel.Debug, "Removed {Path} of job {JobId} from the bucket")]
    private partial void LogRemoved(string jobId, string path);
}
