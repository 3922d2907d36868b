using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace VideoTranslation.Server.Problems;

/// <summary>
/// What no other handler took: a 500 problem that says nothing of the exception, and one error line in the log with
/// the request and the same <c>traceId</c> the problem shows, so that a client's report finds its line. The id is
/// the request's Activity's where one runs (tracing asked for), else the request's own identifier: at the default
/// log level ASP.NET Core's per-request Activity is off (see <c>VideoTranslationServer</c>), so log scopes carry no
/// trace id, and this line names it itself.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The problem member that carries the id (ASP.NET Core's own name for it, kept).</summary>
    public const string TraceIdMember = "traceId";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        // The path as sent on the wire (escaped again): a decoded one could carry a line break into the log and forge a line.
        Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path.ToUriComponent(), traceId);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        // Handled either way: the line above is the one log of it. A client that accepts no problem JSON gets the bare
        // 500; answering false would let the middleware log the same exception again and try the same writers.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The server failed to answer",
                Detail = $"Something went wrong inside the server; nothing of it is shown here. Quote trace id '{traceId}' when reporting it.",
                Extensions = { [TraceIdMember] = traceId },
            },
        });
        return true;
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception answering {Method} {Path} (traceId {TraceId})")]
    private static partial void Unhandled(ILogger logger, Exception exception, string method, string path, string traceId);
}
