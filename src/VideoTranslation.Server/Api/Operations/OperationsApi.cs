using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Operations;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Api.Operations;

/// <summary>
/// The operator view of a deployment, the same from every node: the worker processes (alive, queues served, jobs
/// held, last heartbeat) and the queues (jobs due, delayed and running, the oldest wait, live workers serving each).
/// </summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/v1/admin").WithTags("Operations").RequireAuthorization(SecurityPolicies.Admin);
        admin.MapGet("/workers", GetWorkersAsync).WithName("ListWorkers").WithSummary("The worker processes: alive, queues, jobs held, last heartbeat.");
        admin.MapGet("/queues", GetQueuesAsync).WithName("ListQueues").WithSummary("Each queue's due, delayed and running jobs and the live workers serving it.");
        return endpoints;
    }

    // A worker beats every third of a lease; one that missed a whole lease's worth of beats is not alive.
    internal static async Task<Ok<WorkerList>> GetWorkersAsync(WorkerRegistry registry, IOptions<WorkerOptions> workers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WorkerList(await registry.ListAsync(workers.Value.LeaseDuration, cancellationToken)));

    internal static async Task<Ok<QueueList>> GetQueuesAsync(WorkerRegistry registry, IOptions<WorkerOptions> workers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new QueueList(await registry.QueuesAsync(workers.Value.LeaseDuration, cancellationToken)));
}
