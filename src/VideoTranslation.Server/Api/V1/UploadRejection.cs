using Microsoft.AspNetCore.Http.HttpResults;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Api.V1;

/// <summary>Why an upload was refused while it was read: the status it answers with, a <c>code</c> and a message a user can act on.</summary>
internal sealed record UploadRejection(int Status, string Code, string Message)
{
    public static UploadRejection Malformed(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.MalformedRequest, message);

    public static UploadRejection TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.RequestTooLarge, message);

    public static UploadRejection UnknownField(string message) => new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.UnknownField, message);

    public ProblemHttpResult ToProblem() => Status switch
    {
        StatusCodes.Status422UnprocessableEntity => ApiProblems.Unprocessable(Code, Message),
        _ => ApiProblems.WithCode(Status, Code, Status == StatusCodes.Status413PayloadTooLarge ? "The request is too large" : "The request is malformed", Message),
    };
}
