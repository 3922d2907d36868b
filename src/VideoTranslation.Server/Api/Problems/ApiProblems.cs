using Microsoft.AspNetCore.Http.HttpResults;

namespace VideoTranslation.Server.Api.Problems;

/// <summary>RFC 9457 problem results with the titles this API uses everywhere.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is malformed");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict with an existing job");

    /// <summary>422 with an <c>errors</c> member naming each bad field.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid fields",
            Detail = string.Join(" ", errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}"))),
        });
}
