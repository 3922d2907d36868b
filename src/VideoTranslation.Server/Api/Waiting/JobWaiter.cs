using System.Globalization;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.Waiting;

/// <summary>
/// What the job endpoints offer a client that waits: long-polling (<c>?wait=N</c> or <c>Prefer: wait=N</c>,
/// RFC 7240, answered with <c>Preference-Applied</c>), an <c>ETag</c> so <c>If-None-Match</c> gets a cheap 304,
/// and <c>Retry-After</c> on unfinished jobs. A long-poll holds no thread and runs no query while it waits: it
/// awaits the job's change signal, re-reading the job only when the store says it changed. A shutdown answers every
/// waiting request at once.
/// </summary>
public sealed class JobWaiter(IJobRepository jobs, JobChanges changes, TimeProvider clock, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime)
{
    /// <summary>What job reads carry for the waiter limit: a read holds its connection when it asks to wait at all.</summary>
    public static WaitingEndpoint WaitingRead { get; } = new(request => RequestedWait(request) is not null);

    /// <summary>The wait a request asks for (<c>?wait=</c>, else <c>Prefer: wait=</c>), unparsed; null when it asks for none.</summary>
    private static (string Value, bool FromPrefer)? RequestedWait(HttpRequest request)
    {
        if (request.Query.TryGetValue("wait", out var query))
        {
            return (query.ToString(), false);
        }

        return request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',', ';'))
            .Select(token => token.Trim())
            .FirstOrDefault(token => token.StartsWith("wait=", StringComparison.OrdinalIgnoreCase)) is { } prefer
            ? (prefer[5..], true)
            : null;
    }

    /// <summary>Reads the requested wait; an error message when it is not a number of seconds.</summary>
    public bool TryReadWait(HttpContext context, out TimeSpan wait, out string? error)
    {
        wait = TimeSpan.Zero;
        error = null;
        var max = options.Value.MaxWaitSeconds;
        if (RequestedWait(context.Request) is not var (requested, fromPrefer))
        {
            return true;
        }

        if (!double.TryParse(requested, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || double.IsNaN(seconds))
        {
            error = $"wait must be a number of seconds from 0 to {max}, not '{ApiProblems.Echo(requested, 20)}'.";
            return false;
        }

        wait = TimeSpan.FromSeconds(Math.Min(seconds, max));
        if (fromPrefer)
        {
            context.Response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={wait.TotalSeconds:0.###}");
        }

        return true;
    }

    /// <summary>
    /// The job, once its <paramref name="version"/> differs from what it was when the request came in (or, with an
    /// <c>If-None-Match</c>, from the client's copy), once it finishes, or at the end of <paramref name="wait"/>.
    /// </summary>
    public async Task<TranslationJob?> GetAsync(HttpContext context, JobId id, TimeSpan wait, Func<TranslationJob, string> version, CancellationToken cancellationToken)
    {
        // Taken before reading when the request waits, so a change in between still wakes it; a plain read watches nothing.
        var next = wait > TimeSpan.Zero ? changes.Next(id) : null;
        var job = await jobs.GetAsync(id, cancellationToken);
        if (job is not null && !context.MaySee(job))
        {
            return null; // another tenant's job is no job at all to this caller
        }

        if (job is null || next is null)
        {
            return job;
        }

        var hasClientCopy = context.Request.Headers.IfNoneMatch.Count > 0;
        var initial = version(job);
        var deadline = clock.GetUtcNow() + wait;
        while (job.Status == JobStatus.Pending && (hasClientCopy ? ClientHas(context.Request, job) : version(job) == initial))
        {
            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
                await next.WaitAsync(remaining, clock, waiting.Token);
            }
            catch (TimeoutException)
            {
                break;
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break; // shutting down: answer with what we have rather than hold the shutdown
            }

            next = changes.Next(id);
            job = await jobs.GetAsync(id, cancellationToken) ?? job;
        }

        return job;
    }

    /// <summary>
    /// Tells the client how to wait: <c>ETag</c>, a <c>Link</c> to the job's event stream (rel <c>monitor</c>, RFC 5989)
    /// and, for unfinished jobs, <c>Retry-After</c>. True when the client's copy is current (answer 304).
    /// </summary>
    public static bool IsNotModified(HttpContext context, TranslationJob job, double? etaSeconds)
    {
        context.Response.Headers.ETag = ETag(job).ToString();
        context.Response.Headers.Link = $"</v1/jobs/{job.Id}/events>; rel=\"monitor\"; type=\"text/event-stream\"";
        if (job.Status == JobStatus.Pending)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(etaSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return ClientHas(context.Request, job);
    }

    private static bool ClientHas(HttpRequest request, TranslationJob job) => ClientHas(request, ETag(job));

    /// <summary>
    /// Whether the request's <c>If-None-Match</c> matches <paramref name="current"/> as RFC 9110 §13.1.2 says: a list of
    /// tags, compared weakly (<c>W/</c> or not), or <c>*</c>. Parsed by ASP.NET Core's own header types.
    /// </summary>
    public static bool ClientHas(HttpRequest request, Microsoft.Net.Http.Headers.EntityTagHeaderValue current) =>
        request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));

    /// <summary>When to look again: the estimate when there is one (between 1 and 30 s), else a second.</summary>
    public static int RetryAfterSeconds(double? etaSeconds) => etaSeconds is { } eta ? (int)Math.Clamp(Math.Ceiling(eta), 1, 30) : 1;

    /// <summary>Changes whenever the job visibly does: its version counts every change of state, stage and progress.</summary>
    public static Microsoft.Net.Http.Headers.EntityTagHeaderValue ETag(TranslationJob job) =>
        new(string.Create(CultureInfo.InvariantCulture, $"\"{job.Id}-{job.Version}\""), isWeak: true);
}
