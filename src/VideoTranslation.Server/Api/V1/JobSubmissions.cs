using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Takes a video job submission (<c>POST /v1/jobs</c>) from the request to a job: the caller's quota, the
/// <c>Idempotency-Key</c>, the upload streamed into the job's directory (or fetched from <c>source_url</c>), its checks,
/// the input stored where every worker reaches it, and the job row. Gives the job, or the one reason it was refused;
/// a refused submission leaves no job and no file behind.
/// </summary>
internal sealed class JobSubmissions(
    IJobRepository jobs, JobFiles files, IArtifactStore store, VideoJobValidator validator, PendingJobQuota quota, SourceDownloader downloader, IOptions<ApiOptions> options)
{
    private const int MaxIdempotencyKeyLength = 200;

    public async Task<Checked<TranslationJob>> SubmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return SubmissionRejection.NotMultipart();
        }

        if (await quota.PendingAtLimitAsync(context, cancellationToken) is { } pending)
        {
            return SubmissionRejection.OverQuota(context, pending);
        }

        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 0 && (idempotencyKey.Length > MaxIdempotencyKeyLength || !idempotencyKey.All(c => c is > ' ' and < (char)127)))
        {
            return SubmissionRejection.BadHeader($"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters, e.g. a UUID.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        // The upload lands in the job's own directory; the job exists only once everything checked out.
        var id = JobId.New();
        var directory = Directory.CreateDirectory(files.DirectoryFor(id)).FullName;
        var (accepted, stored) = (false, false);
        try
        {
            using var upload = new JobUpload();
            if (await upload.ReadAsync(context.Request, directory, cancellationToken) is { } unread)
            {
                return unread;
            }

            if (upload.Video is null && upload.Field(UploadFields.SourceUrl) is { } sourceUrl
                && await downloader.DownloadAsync(upload, sourceUrl, directory, cancellationToken) is { } unfetched)
            {
                return unfetched;
            }

            var validated = await validator.ValidateAsync(upload, cancellationToken);
            if (validated.Value is not { } request)
            {
                return validated.Rejection!;
            }

            // Stored where every worker can reach it before the job exists, so no worker can claim a job without its input.
            stored = true;
            await store.PushAsync(id, cancellationToken);
            var created = await jobs.CreateVideoAsync(
                id, context.Tenant(), request.Languages, request.Spec, request.CallbackUrl, idempotencyKey.Length > 0 ? idempotencyKey : null,
                upload.Fingerprint(), quota.LimitFor(context), cancellationToken);

            // A retried request (same key, same upload) gets the job it started; this copy of the upload is dropped.
            accepted = created is CreateJobResult.Created;
            return created switch
            {
                CreateJobResult.Conflict conflict => SubmissionRejection.IdempotencyConflict(idempotencyKey, conflict.Job.Id),
                CreateJobResult.OverQuota over => SubmissionRejection.OverQuota(context, over.Pending),
                _ => created.Granted ?? throw new InvalidOperationException($"Unexpected create result {created}."),
            };
        }
        finally
        {
            if (accepted)
            {
                await store.EvictLocalCopyAsync(id); // the workers take it from the store
            }
            else if (stored)
            {
                await store.DeleteAsync(id, CancellationToken.None);
            }
            else
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
