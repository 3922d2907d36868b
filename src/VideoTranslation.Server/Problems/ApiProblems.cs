using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoTranslation.Domain;

namespace VideoTranslation.Server.Problems;

/// <summary>RFC 9457 problem results with the titles this API uses everywhere.</summary>
public static class ApiProblems
{
    /// <summary>A caller's value quoted back in a message, cut at <paramref name="max"/> characters so a hostile one cannot bloat the answer.</summary>
    public static string Echo(string value, int max = 40) => value.Length <= max ? value : value[..max] + "…";

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is malformed");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>404 for a job that does not exist (or is another tenant's), with the code clients tell it apart by: <c>job_not_found</c>.</summary>
    public static ProblemHttpResult JobNotFound(string id) =>
        WithCode(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound, "Not found", $"No job with id '{id}'.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict with an existing job");

    /// <summary>429: a limit of the caller's key was reached, named by <paramref name="code"/> (the caller sets <c>Retry-After</c>).</summary>
    public static ProblemHttpResult TooManyRequests(string code, string detail) =>
        WithCode(StatusCodes.Status429TooManyRequests, code, "Too many requests", detail);

    /// <summary>A problem with a machine-readable <c>code</c> beside its status, for clients that branch on the reason.</summary>
    public static ProblemHttpResult WithCode(int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>422 with a machine-readable <c>code</c> (e.g. <c>not_media</c>) and, for field errors, an <c>errors</c> member.</summary>
    public static ProblemHttpResult Unprocessable(string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = StatusCodes.Status422UnprocessableEntity;
        problem.Title = code == ErrorCodes.InvalidRequest ? "The request has invalid fields" : "The video cannot be translated";
        problem.Detail = detail;
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>422 with an <c>errors</c> member naming each bad field.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid fields",
            Detail = Describe(errors),
        });

    /// <summary>Field errors as one sentence for a problem's <c>detail</c>: "field: message field: message".</summary>
    public static string Describe(IDictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")));
}
