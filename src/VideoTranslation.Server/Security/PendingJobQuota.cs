using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Api.Problems;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Security;

/// <summary>
/// A tenant may have <see cref="LimitOptions.MaxPendingJobs"/> jobs pending at once; a new job beyond that is 429.
/// Checked before an upload is read, so a refused request costs nothing. Callers without a key are not limited.
/// </summary>
internal sealed class PendingJobQuota(IJobRepository jobs, IOptions<LimitOptions> limits)
{
    public async Task<ProblemHttpResult?> CheckAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.FindFirst(CallerClaims.KeyId) is null)
        {
            return null;
        }

        var pending = await jobs.CountPendingAsync(context.Tenant(), cancellationToken);
        if (pending < limits.Value.MaxPendingJobs)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = "10";
        return ApiProblems.TooManyRequests(
            $"Tenant '{context.Tenant()}' has {pending} jobs pending, its limit (Limits:MaxPendingJobs); start more once some finish.");
    }
}
