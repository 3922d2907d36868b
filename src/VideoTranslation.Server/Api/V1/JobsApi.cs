using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.Problems;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.V1;

/// <summary>The versioned API for real video translation: upload a video, follow the job, download its artifacts.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Jobs (v1)");
        jobs.MapPost("", CreateJobAsync).WithName("CreateJob").WithSummary("Upload a video (multipart) and start translating it.");
        jobs.MapGet("/{id}", GetJobAsync).WithName("GetJobV1").WithSummary("A job's status, stage, progress and results.");
        jobs.MapGet("/{id}/artifacts", ListArtifactsAsync).WithName("ListArtifacts").WithSummary("The files a job produced.");
        jobs.MapGet("/{id}/artifacts/{name}", DownloadArtifactAsync).WithName("DownloadArtifact").WithSummary("Download one artifact (HTTP ranges supported).");
        return endpoints;
    }

    internal static async Task<Results<Accepted<JobResource>, ProblemHttpResult>> CreateJobAsync(
        HttpContext context, IJobRepository jobs, JobFiles files, VideoJobRequest validator, EtaEstimator eta, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (context.Request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem(
                "POST /v1/jobs takes multipart/form-data: a 'file' part with the video, and fields source_language, target_languages, ...",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 0 && (idempotencyKey.Length > 200 || !idempotencyKey.All(c => c is > ' ' and < (char)127)))
        {
            return ApiProblems.BadRequest("Idempotency-Key must be 1 to 200 printable ASCII characters, e.g. a UUID.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }

        // The upload lands in the job's own directory; the job exists only once everything checked out.
        var id = JobId.New();
        var directory = Directory.CreateDirectory(files.DirectoryFor(id)).FullName;
        var accepted = false;
        try
        {
            using var upload = new JobUpload();
            if (await upload.ReadAsync(context.Request, directory, cancellationToken) is { } malformed)
            {
                return ApiProblems.BadRequest(malformed);
            }

            var (spec, languages, invalid) = await validator.ValidateAsync(upload, cancellationToken);
            if (invalid is not null)
            {
                return ApiProblems.Unprocessable(invalid.Code, invalid.Message, invalid.Errors);
            }

            var created = await jobs.CreateVideoAsync(id, languages, spec!, idempotencyKey.Length > 0 ? idempotencyKey : null, upload.Fingerprint(), cancellationToken);
            if (created is CreateJobResult.Conflict conflict)
            {
                return ApiProblems.Conflict($"Idempotency-Key '{idempotencyKey}' was used for a different request (job {conflict.Job.Id}); use a new key for a new job.");
            }

            // A retried request (same key, same upload) gets the job it started; this copy of the upload is dropped.
            accepted = created is CreateJobResult.Created;
            var job = created.Job;
            var secondsLeft = eta.SecondsLeft(job);
            JobWaiter.IsNotModified(context, job, secondsLeft);
            return TypedResults.Accepted($"/v1/jobs/{job.Id}", JobResource.From(job, [], secondsLeft));
        }
        finally
        {
            if (!accepted)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <remarks><c>?wait=N</c> (or <c>Prefer: wait=N</c>) holds the request until the job's status or stage changes, up to N seconds.</remarks>
    internal static async Task<Results<Ok<JobResource>, StatusCodeHttpResult, ProblemHttpResult>> GetJobAsync(
        string id, HttpContext context, JobWaiter waiter, ArtifactCatalog artifacts, EtaEstimator eta, CancellationToken cancellationToken)
    {
        if (!JobId.TryParse(id, out var jobId, out var error))
        {
            return ApiProblems.BadRequest($"'{(id.Length <= 40 ? id : id[..40] + "…")}' is not a valid job id. {error}");
        }

        if (!waiter.TryReadWait(context, out var wait, out var waitError))
        {
            return ApiProblems.BadRequest(waitError!);
        }

        var job = await waiter.GetAsync(context, jobId, wait, j => $"{j.Status}/{j.Stage}", cancellationToken);
        if (job is null)
        {
            return ApiProblems.NotFound($"No job with id '{jobId}'.");
        }

        var secondsLeft = eta.SecondsLeft(job);
        return JobWaiter.IsNotModified(context, job, secondsLeft)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(JobResource.From(job, artifacts.For(job), secondsLeft));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ArtifactResource>>, ProblemHttpResult>> ListArtifactsAsync(
        string id, IJobRepository jobs, ArtifactCatalog artifacts, CancellationToken cancellationToken) =>
        await FindAsync(id, jobs, cancellationToken) switch
        {
            (null, var problem) => problem!,
            (var job, _) => TypedResults.Ok<IReadOnlyList<ArtifactResource>>(
                [.. artifacts.For(job).Select(a => new ArtifactResource(a.Name, a.ContentType, a.Size, $"/v1/jobs/{id}/artifacts/{a.Name}"))]),
        };

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadArtifactAsync(
        string id, string name, IJobRepository jobs, ArtifactCatalog artifacts, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(id, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        // Only catalog names resolve to files: no path from the request ever reaches the file system.
        var artifact = artifacts.For(job).FirstOrDefault(a => a.Name == name);
        if (artifact is null)
        {
            return ApiProblems.NotFound($"Job '{id}' has no artifact '{(name.Length <= 60 ? name : name[..60] + "…")}'. GET /v1/jobs/{id}/artifacts lists them.");
        }

        var download = $"{Path.GetFileNameWithoutExtension(job.Video!.FileName)}.{artifact.Name}";
        return TypedResults.PhysicalFile(artifact.Path, artifact.ContentType, download, enableRangeProcessing: true);
    }

    private static async Task<(TranslationJob? Job, ProblemHttpResult? Problem)> FindAsync(string id, IJobRepository jobs, CancellationToken cancellationToken)
    {
        if (!JobId.TryParse(id, out var jobId, out var error))
        {
            return (null, ApiProblems.BadRequest($"'{(id.Length <= 40 ? id : id[..40] + "…")}' is not a valid job id. {error}"));
        }

        return await jobs.GetAsync(jobId, cancellationToken) is { } job
            ? (job, null)
            : (null, ApiProblems.NotFound($"No job with id '{jobId}'."));
    }
}

/// <summary>An artifact as <c>GET /v1/jobs/{id}/artifacts</c> lists it.</summary>
public sealed record ArtifactResource(string Name, string ContentType, long Size, string Url);
