using System.Net;

namespace VideoTranslation.Client;

/// <summary>
/// The server refused a request (4xx): bad input, unknown job, conflicting job id. Carries the server's
/// RFC 9457 problem details. Not retried: sending the same request again would fail the same way.
/// </summary>
public sealed class TranslationApiException : Exception
{
    /// <summary>Creates the exception from a refused response and its problem details.</summary>
    public TranslationApiException(HttpStatusCode statusCode, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
        : this(statusCode, title, detail, errors, code: null)
    {
    }

    /// <summary>Creates the exception from a refused response and its problem details, with the problem's <paramref name="code"/>.</summary>
    public TranslationApiException(HttpStatusCode statusCode, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors, string? code)
        : base($"The server answered {(int)statusCode} {title ?? statusCode.ToString()}{(detail is null ? "" : ": " + detail)}")
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        Code = code;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TranslationApiException()
        : this("The server refused the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TranslationApiException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TranslationApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title: what kind of error.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail: what exactly was wrong.</summary>
    public string? Detail { get; }

    /// <summary>The problem's machine-readable <c>code</c> (e.g. <c>track_changed</c>, <c>job_pending</c>): what to branch on; null where the server gave none.</summary>
    public string? Code { get; }

    /// <summary>Per-field validation messages, keyed by the API's field names (e.g. <c>target_language</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
