using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Why a job submission was refused, at whichever step refused it (the request, the upload, the download, the checks, the
/// store): the status it answers with, a <c>code</c>, a message a user can act on, and for field errors, each field's.
/// A 422 takes its title from its code (<see cref="ApiProblems.Unprocessable"/>); other statuses name their own.
/// </summary>
internal sealed record SubmissionRejection(int Status, string Code, string? Title, string Message, IDictionary<string, string[]>? Errors = null, int? RetryAfterSeconds = null)
{
    public static SubmissionRejection NotMultipart() => new(
        StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Unsupported content type",
        "POST /v1/jobs takes multipart/form-data: a 'file' part with the video, and fields source_language, target_languages, ...");

    public static SubmissionRejection Malformed(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, "The request is malformed", message);

    public static SubmissionRejection BadHeader(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The request is malformed", message);

    public static SubmissionRejection TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, "The request is too large", message);

    public static SubmissionRejection UnknownField(string message) => Unprocessable(ErrorCodes.UnknownField, message);

    /// <summary>Fields that do not check out, each named in <paramref name="errors"/>.</summary>
    public static SubmissionRejection InvalidFields(Dictionary<string, string[]> errors) => Unprocessable(ErrorCodes.InvalidRequest, ApiProblems.Describe(errors), errors);

    /// <summary>422: the request is well formed, but its content cannot be translated here (<c>not_media</c>, <c>unsupported_language</c>, ...).</summary>
    public static SubmissionRejection Unprocessable(string code, string message, IDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status422UnprocessableEntity, code, null, message, errors);

    public static SubmissionRejection IdempotencyConflict(string key, JobId existing) => new(
        StatusCodes.Status409Conflict, ErrorCodes.IdempotencyConflict, "Conflict with an existing job",
        $"Idempotency-Key '{ApiProblems.Echo(key)}' was used for a different request (job {existing}); use a new key for a new job.");

    public static SubmissionRejection OverQuota(HttpContext context, long pending) => new(
        StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyPendingJobs, "Too many requests", PendingJobQuota.Explain(context, pending),
        RetryAfterSeconds: PendingJobQuota.RetryAfterSeconds);

    public ProblemHttpResult ToProblem(HttpContext context)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Title is null
            ? ApiProblems.Unprocessable(Code, Message, Errors)
            : ApiProblems.WithCode(Status, Code, Title, Message);
    }
}
