using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace VideoTranslation.Server.Problems;

/// <summary>
/// Turns the framework's request-binding failures (malformed JSON, wrong content type, oversized body) into
/// problem details that say what was wrong, with the framework's status code instead of a bare 400.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        (string? Title, string? Detail) described = badRequest switch
        {
            { InnerException: JsonException json } => ("The request body is not the expected JSON", $"The JSON body could not be read: {json.Message}"),
            // ProblemDetailDefaults words these the same way whether the framework threw or just set the status.
            { StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType } => (null, null),
            _ => ("The request is malformed", badRequest.Message),
        };

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = badRequest.StatusCode, Title = described.Title, Detail = described.Detail },
        });
    }
}
