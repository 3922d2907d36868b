using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.Seed;

/// <summary>The seed's original API, kept exactly: clients written against the seed README work unchanged.</summary>
public static class SeedApi
{
    /// <summary>A seed request is three short strings; anything near this size is not one.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder endpoints)
    {
        var seed = endpoints.MapGroup("").WithTags("Seed API");

        seed.MapPost("/translate", StartTranslationAsync)
            .WithName("StartTranslation")
            .WithSummary("Start a translation job (idempotent when job_id is given).")
            .Accepts<TranslateRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .ProducesProblems(400, 409, 413, 415, 422);

        seed.MapGet("/job/{job_id}", GetJobAsync)
            .WithName("GetJob")
            .WithSummary("Get a job's status.")
            .WithMetadata(JobWaiter.WaitingRead)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(400, 404);

        return endpoints;
    }

    internal static async Task<Results<Ok<TranslateResponse>, ProblemHttpResult>> StartTranslationAsync(
        TranslateRequest? request, HttpContext context, IJobRepository jobs, JobResources resources, IOptions<WebhookOptions> webhooks,
        PendingJobQuota quota, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblems.BadRequest(
                "A JSON body is required, e.g. {\"source_language\": \"en\", \"target_language\": \"es\"}.");
        }

        if (!request.TryValidate(out var jobId, out var languages, out var callbackUrl, out var errors, webhooks.Value.AllowPrivateNetworks))
        {
            return ApiProblems.Validation(errors);
        }

        // No count first: the store counts the tenant's pending jobs in the transaction that inserts (v1 counts early only
        // to refuse before reading an upload; a seed body is a few bytes).
        var tenant = context.Tenant();
        var result = await jobs.CreateAsync(jobId ?? JobId.New(), tenant, languages, callbackUrl, quota.LimitFor(context), cancellationToken);
        if (result.Granted is { } made)
        {
            JobWaiter.IsNotModified(context, made, resources.SecondsLeft(made));
            return TypedResults.Ok(TranslateResponse.Started(made.Id.Value));
        }

        return result switch
        {
            CreateJobResult.OverQuota over => PendingJobQuota.Refuse(context, over.Pending),
            // Another tenant's job: say nothing about it but that the id is taken.
            CreateJobResult.Conflict conflict when conflict.Job.Tenant != tenant => ApiProblems.Conflict(
                $"Job id '{conflict.Job.Id}' is taken; use another (or none, and the server makes one)."),
            CreateJobResult.Conflict conflict => ApiProblems.Conflict(
                $"Job '{conflict.Job.Id}' already exists for {conflict.Job.Languages.Source} -> {conflict.Job.Languages.Target}. " +
                "A job id may be sent again only with the same request; use a new id for a different translation."),
            _ => throw new InvalidOperationException($"Unexpected create result {result}."),
        };
    }

    /// <remarks><c>?wait=N</c> (or <c>Prefer: wait=N</c>) holds the request until the job's status changes, up to N seconds.</remarks>
    internal static async Task<Results<Ok<SeedJobResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetJobAsync(
        [FromRoute(Name = "job_id")] string jobId, HttpContext context, JobWaiter waiter, JobResources resources, CancellationToken cancellationToken)
    {
        if (!JobId.TryParse(jobId, out var id, out var error))
        {
            return ApiProblems.BadRequest($"'{ApiProblems.Echo(jobId)}' is not a valid job id. {error}");
        }

        if (!waiter.TryReadWait(context, out var wait, out var waitError))
        {
            return ApiProblems.BadRequest(waitError!);
        }

        var job = await waiter.GetAsync(context, id, wait, j => j.Status.ToString(), cancellationToken);
        if (job is null)
        {
            return ApiProblems.JobNotFound(id.Value);
        }

        return JobWaiter.IsNotModified(context, job, resources.SecondsLeft(job))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(SeedJobResponse.From(job));
    }

}
