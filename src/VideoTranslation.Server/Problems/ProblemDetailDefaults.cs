using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace VideoTranslation.Server.Problems;

/// <summary>
/// Fills in a useful <c>detail</c> for the problems the framework raises on its own (no route, wrong method,
/// wrong content type, body too large), which otherwise carry only a status and a title.
/// </summary>
internal static class ProblemDetailDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Detail is not null)
        {
            return;
        }

        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound =>
                $"Nothing at {request.Path}. The API offers POST /translate, GET /job/{{job_id}}, POST /v1/jobs and GET /v1/jobs/{{id}}.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status413PayloadTooLarge =>
                context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit
                    ? $"The request body is larger than the {limit} bytes {request.Path} accepts."
                    : "The request body is larger than this server accepts.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{request.Path} takes a JSON body; send it with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}').",
            StatusCodes.Status400BadRequest => "The request is malformed.",
            _ => null,
        };
    }
}
