using Microsoft.AspNetCore.Http.HttpResults;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Editing;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.V1;

/// <summary>The versioned API for real video translation: upload a video, follow the job, download its artifacts.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Jobs (v1)");
        jobs.MapGet("", ListJobsAsync).WithName("ListJobs").WithSummary("The caller's jobs, newest first, a page at a time (?status=, ?limit=, ?cursor=).")
            .ProducesProblems(400);
        jobs.MapPost("", CreateJobAsync).WithName("CreateJob").WithSummary("Upload a video (multipart) and start translating it.")
            .ProducesProblems(400, 409, 413, 415, 422);
        jobs.MapGet("/{id}", GetJobAsync).WithName("GetJobV1").WithSummary("A job's status, stage, progress and results.").WithMetadata(JobWaiter.WaitingRead)
            .Produces(StatusCodes.Status304NotModified).ProducesProblems(400, 404);
        jobs.MapGet("/{id}/artifacts", ListArtifactsAsync).WithName("ListArtifacts").WithSummary("The files a job produced.")
            .ProducesProblems(400, 404);
        jobs.MapGet("/{id}/artifacts/{name}", DownloadArtifactAsync).WithName("DownloadArtifact")
            .WithSummary("Download one artifact (HTTP ranges, ETag and Last-Modified validators; HEAD gives the headers alone, for players and download managers).")
            .ProducesProblems(400, 404, 416).WithMetadata(ArtifactLinkTarget.Instance);
        jobs.MapPost("/{id}/artifacts/{name}/link", ArtifactLinkEndpoint.CreateAsync).WithName("CreateArtifactLink")
            .WithSummary("A signed URL that downloads one artifact without the API key, until it expires (?expires_in= seconds: 60 to 604800, default 3600).")
            .ProducesProblems(400, 404);
        jobs.MapGet("/{id}/events", StreamEventsAsync).WithName("StreamJobEvents").WithMetadata(WaitingEndpoint.Always).WithSummary("The job's changes as server-sent events; resumes from Last-Event-ID.")
            .ProducesProblems(400, 404);
        jobs.MapPost("/{id}/cancel", CancelJobAsync).WithName("CancelJob").WithSummary("Stop a pending or running job; its partial artifacts are removed.")
            .ProducesProblems(400, 404, 409);
        jobs.MapDelete("/{id}", DeleteJobAsync).WithName("DeleteJob").WithSummary("Remove a finished job and its artifacts.")
            .ProducesProblems(400, 404, 409);
        return endpoints;
    }

    internal static async Task<Results<Accepted<JobResource>, ProblemHttpResult>> CreateJobAsync(
        HttpContext context, JobSubmissions submissions, JobResources resources, CancellationToken cancellationToken)
    {
        var submitted = await submissions.SubmitAsync(context, cancellationToken);
        if (submitted.Value is not { } job)
        {
            return submitted.Rejection!.ToProblem(context);
        }

        JobWaiter.IsNotModified(context, job, resources.SecondsLeft(job)); // sets the job's ETag
        return TypedResults.Accepted($"/v1/jobs/{job.Id}", await resources.CreateAsync(job, cancellationToken));
    }

    /// <remarks><c>?wait=N</c> (or <c>Prefer: wait=N</c>) holds the request until the job's status or stage changes, up to N seconds.</remarks>
    internal static async Task<Results<Ok<JobResource>, StatusCodeHttpResult, ProblemHttpResult>> GetJobAsync(
        string id, HttpContext context, JobWaiter waiter, JobResources resources, SqlWebhookStore webhooks, CancellationToken cancellationToken)
    {
        if (!JobId.TryParse(id, out var jobId, out var error))
        {
            return InvalidId(id, error);
        }

        if (!waiter.TryReadWait(context, out var wait, out var waitError))
        {
            return ApiProblems.BadRequest(waitError!);
        }

        var job = await waiter.GetAsync(context, jobId, wait, j => $"{j.Status}/{j.Stage}", cancellationToken);
        if (job is null)
        {
            return ApiProblems.JobNotFound(jobId.Value);
        }

        if (JobWaiter.IsNotModified(context, job, resources.SecondsLeft(job)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var deliveries = job.CallbackUrl is null ? null : await webhooks.ListForJobAsync(job.Id, cancellationToken);
        return TypedResults.Ok(await resources.CreateAsync(job, cancellationToken, deliveries));
    }

    /// <remarks>
    /// Event types: <c>status</c> (the status changed; also the first event), <c>progress</c> (stage or progress),
    /// <c>ping</c> (keep-alive, no id). Each event's data is the job resource; the stream ends after the last status,
    /// and a stream resumed after that last event is <c>204 No Content</c> (an EventSource stops reconnecting).
    /// </remarks>
    internal static async Task<Results<ServerSentEventsResult<JobResource?>, NoContent, ProblemHttpResult>> StreamEventsAsync(
        string id, HttpContext context, IJobRepository jobs, JobEventStream stream, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        long? lastEventId = null;
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length > 0)
        {
            if (!long.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiProblems.BadRequest($"Last-Event-ID must be the id of an event of this stream (a number), not '{ApiProblems.Echo(header, 20)}'.");
            }

            lastEventId = parsed;
        }

        if (JobEventStream.IsOver(job, lastEventId))
        {
            return TypedResults.NoContent();
        }

        // Tells reverse proxies such as nginx not to buffer the stream.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(stream.ReadAsync(job, lastEventId, cancellationToken));
    }

    internal static async Task<Results<Ok<JobResource>, ProblemHttpResult>> CancelJobAsync(
        string id, HttpContext context, IJobRepository jobs, IArtifactStore store, JobResources resources, CueTrackStore cues, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        if (job.Status == JobStatus.Pending && job.Kind == JobKind.Video && (await cues.ListAsync(job.Id, cancellationToken)).Count > 0)
        {
            // Cancelling removes a job's files, and a render's job has those of its earlier renders.
            return ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.RenderRunning, "A render cannot be cancelled",
                "The job is rendering edits over its earlier results; a render runs to its end (edit again and render once it has).");
        }

        var jobId = job.Id;
        switch (await jobs.CancelAsync(jobId, cancellationToken))
        {
            case JobRemoval.Done done:
                // A worker running it here stops at once and removes the files again on its way out.
                await store.DeleteAsync(jobId, CancellationToken.None);
                return TypedResults.Ok(await resources.CreateAsync(done.Job, cancellationToken));
            case JobRemoval.WrongState { Job.State: JobState.Cancelled } already:
                return TypedResults.Ok(await resources.CreateAsync(already.Job, cancellationToken));
            case JobRemoval.WrongState finished:
                return ApiProblems.Conflict($"Job '{jobId}' has already finished ({finished.Job.Status.ToString().ToLowerInvariant()}); there is nothing to cancel.");
            default:
                return ApiProblems.JobNotFound(jobId.Value);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteJobAsync(
        string id, HttpContext context, IJobRepository jobs, IArtifactStore store, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        var jobId = job.Id;
        switch (await jobs.DeleteAsync(jobId, cancellationToken))
        {
            case JobRemoval.Done:
                await store.DeleteAsync(jobId, CancellationToken.None);
                return TypedResults.NoContent();
            case JobRemoval.WrongState:
                return ApiProblems.Conflict($"Job '{jobId}' is still pending; cancel it first (POST /v1/jobs/{jobId}/cancel), then delete it.");
            default:
                return ApiProblems.JobNotFound(jobId.Value);
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<ArtifactResource>>, ProblemHttpResult>> ListArtifactsAsync(
        string id, HttpContext context, IJobRepository jobs, ArtifactCatalog artifacts, CancellationToken cancellationToken) =>
        await FindAsync(id, context, jobs, cancellationToken) switch
        {
            (null, var problem) => problem!,
            (var job, _) => TypedResults.Ok<IReadOnlyList<ArtifactResource>>(
                [.. (await artifacts.ForAsync(job, cancellationToken)).Select(a => new ArtifactResource(a.Name, a.ContentType, a.Size, a.UrlFor(job.Id), a.Kind, a.Language, a.Revision))]),
        };

    internal static async Task<Results<ArtifactFileResult, ProblemHttpResult>> DownloadArtifactAsync(
        string id, string name, HttpContext context, IJobRepository jobs, ArtifactCatalog artifacts, IArtifactStore store, CancellationToken cancellationToken)
    {
        var (job, problem) = await FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        // Only catalog names resolve to files: no path from the request ever reaches the file system.
        var artifact = (await artifacts.ForAsync(job, cancellationToken)).FirstOrDefault(a => a.Name == name);
        var path = artifact is null ? null : await store.LocalCopyAsync(job.Id, artifact.Path, artifact.Stored, cancellationToken);
        if (artifact is null || path is null)
        {
            return NoArtifact(job.Id, name);
        }

        return new ArtifactFileResult(path, artifact, job, $"{Path.GetFileNameWithoutExtension(job.Video!.FileName)}.{artifact.Name}");
    }

    /// <remarks>
    /// Pages are <c>limit</c> jobs (1-100, default 20), newest first; <c>next_cursor</c> (also a <c>Link: rel="next"</c>)
    /// continues after the last one and stays valid however many jobs are added meanwhile.
    /// </remarks>
    internal static async Task<Results<Ok<JobList>, ProblemHttpResult>> ListJobsAsync(
        HttpContext context, IJobRepository jobs, JobResources resources, string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        JobStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<JobStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return ApiProblems.BadRequest($"status must be pending, completed, error or cancelled, not '{ApiProblems.Echo(status, 20)}'.");
            }

            wanted = parsed;
        }

        if (limit is < 1 or > 100)
        {
            return ApiProblems.BadRequest("limit must be between 1 and 100.");
        }

        (DateTimeOffset, string)? after = null;
        if (cursor is not null)
        {
            if (JobListCursor.Decode(cursor) is not { } decoded)
            {
                return ApiProblems.BadRequest("cursor is not one this server gave out; start again without it.");
            }

            after = decoded;
        }

        var size = limit ?? 20;
        var page = await jobs.ListAsync(context.Tenant(), wanted, after, size, cancellationToken);
        var next = page.Count == size ? JobListCursor.Encode(page[^1].CreatedAt, page[^1].Id.Value) : null;
        if (next is not null)
        {
            var query = $"?cursor={next}&limit={size}" + (status is null ? "" : $"&status={wanted.ToString()!.ToLowerInvariant()}");
            context.Response.Headers.Link = $"</v1/jobs{query}>; rel=\"next\"";
        }

        var resourcesOnPage = new List<JobResource>(page.Count);
        foreach (var job in page)
        {
            resourcesOnPage.Add(await resources.CreateAsync(job, cancellationToken));
        }

        return TypedResults.Ok(new JobList(resourcesOnPage, next));
    }

    /// <summary>The caller's job by id; another tenant's job is "no job with that id", as if it did not exist.</summary>
    internal static async Task<(TranslationJob? Job, ProblemHttpResult? Problem)> FindAsync(
        string id, HttpContext context, IJobRepository jobs, CancellationToken cancellationToken)
    {
        if (!JobId.TryParse(id, out var jobId, out var error))
        {
            return (null, InvalidId(id, error));
        }

        return await jobs.GetAsync(jobId, cancellationToken) is { } job && context.MaySee(job)
            ? (job, null)
            : (null, ApiProblems.JobNotFound(jobId.Value));
    }

    internal static ProblemHttpResult NoArtifact(JobId id, string name) =>
        ApiProblems.NotFound($"Job '{id}' has no artifact '{ApiProblems.Echo(name, 60)}'. GET /v1/jobs/{id}/artifacts lists them.");

    private static ProblemHttpResult InvalidId(string id, string? error) =>
        ApiProblems.BadRequest($"'{ApiProblems.Echo(id)}' is not a valid job id. {error}");
}

/// <summary>A page of <c>GET /v1/jobs</c>: the jobs, and the cursor to the next page (null on the last).</summary>
public sealed record JobList(IReadOnlyList<JobResource> Jobs, string? NextCursor);

/// <summary>
/// An artifact as <c>GET /v1/jobs/{id}/artifacts</c> lists it. <see cref="Kind"/>: transcript, srt, vtt, dub,
/// dubbing_report, video or original (the upload); <see cref="Language"/> is null for those of no one target language.
/// </summary>
/// <summary>An artifact as listed: <see cref="Revision"/> is set on the kept files of an earlier render (null on the latest).</summary>
public sealed record ArtifactResource(string Name, string ContentType, long Size, string Url, string Kind, string? Language, int? Revision);
