using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// Jobs' files in an S3-compatible bucket, under <c>{prefix}jobs/{id}/</c>; each node keeps a local copy in its
/// data directory to work on. Files are written whole (every stage writes atomically), so a stored file is complete,
/// and comparing sizes is enough to tell what is new.
/// </summary>
internal sealed partial class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly JobFiles files;
    private readonly AmazonS3Client s3;
    private readonly string bucket;
    private readonly string prefix;
    private readonly ILogger<S3ArtifactStore> logger;

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
        var local = files.LocalFiles(id).ToDictionary(file => file.RelativePath, file => file.Size);
        foreach (var (path, size) in await ListAsync(id, cancellationToken))
        {
            if (local.GetValueOrDefault(path, -1) != size)
            {
                await DownloadAsync(id, path, cancellationToken);
            }
        }
    }

    public async Task PushAsync(JobId id, CancellationToken cancellationToken)
    {
        var stored = await ListAsync(id, cancellationToken);
        foreach (var file in files.LocalFiles(id))
        {
            if (stored.GetValueOrDefault(file.RelativePath, -1) != file.Size)
            {
                await s3.PutObjectAsync(
                    new PutObjectRequest { BucketName = bucket, Key = Key(id, file.RelativePath), FilePath = files.PathFor(id, file.RelativePath), UseChunkEncoding = false },
                    cancellationToken);
                LogStored(id.Value, file.RelativePath, file.Size);
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> ListAsync(JobId id, CancellationToken cancellationToken)
    {
        var root = Key(id, "");
        var listed = new Dictionary<string, long>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = root };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in response.S3Objects ?? [])
            {
                listed[entry.Key[root.Length..]] = entry.Size ?? 0;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return listed;
    }

    public async Task<string?> LocalCopyAsync(JobId id, string relativePath, long size, CancellationToken cancellationToken)
    {
        var path = files.PathFor(id, relativePath);
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            return path;
        }

        try
        {
            await DownloadAsync(id, relativePath, cancellationToken);
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

    public bool ReplacesFiles => false; // copies are compared by size, and removed files are not removed from the bucket

    public Task CheckAsync(CancellationToken cancellationToken) =>
        s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1 }, cancellationToken);

    public void Dispose() => s3.Dispose();

    private string Key(JobId id, string relativePath) => $"{prefix}jobs/{id.Value}/{relativePath}";

    /// <summary>Downloads under a temporary name, then renames: a local file is whole or absent, as the pipeline expects.</summary>
    private async Task DownloadAsync(JobId id, string relativePath, CancellationToken cancellationToken)
    {
        var path = files.PathFor(id, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".download";
        using (var response = await s3.GetObjectAsync(bucket, Key(id, relativePath), cancellationToken))
        await using (var file = File.Create(partial))
        {
            await response.ResponseStream.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }

    [LoggerMessage(LogLevel.Debug, "Stored {Path} of job {JobId} ({Size} bytes)")]
    private partial void LogStored(string jobId, string path, long size);
}
