using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Security;

/// <summary>
/// A tenant may have <see cref="LimitOptions.MaxPendingJobs"/> jobs pending at once; a new job beyond that is 429.
/// The job store enforces it as it inserts (<see cref="LimitFor"/>: counted and inserted as one step, so concurrent
/// submissions cannot all pass one count); <see cref="PendingAtLimitAsync"/> refuses early, before an upload is read, so a
/// refused request usually costs nothing. Callers without a key are not limited.
/// </summary>
internal sealed class PendingJobQuota(IJobRepository jobs, IOptions<LimitOptions> limits)
{
    /// <summary>The limit the store enforces for this caller's new job; null for none.</summary>
    public int? LimitFor(HttpContext context) => context.User.FindFirst(CallerClaims.KeyId) is null ? null : limits.Value.MaxPendingJobs;

    /// <summary>When a refused caller should try again.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>How many jobs the caller's tenant has pending when that is its limit (a new job is refused); null when it may start one.</summary>
    public async Task<long?> PendingAtLimitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (LimitFor(context) is not { } limit)
        {
            return null;
        }

        var pending = await jobs.CountPendingAsync(context.Tenant(), cancellationToken);
        return pending < limit ? null : pending;
    }

    public static string Explain(HttpContext context, long pending) =>
        $"Tenant '{context.Tenant()}' has {pending} jobs pending, its limit (Limits:MaxPendingJobs); start more once some finish.";

    /// <summary>The 429 for a tenant at its limit, with the <c>Retry-After</c> it sets.</summary>
    public static ProblemHttpResult Refuse(HttpContext context, long pending)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblems.TooManyRequests(ErrorCodes.TooManyPendingJobs, Explain(context, pending));
    }
}
