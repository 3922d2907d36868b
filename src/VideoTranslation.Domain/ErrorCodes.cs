namespace VideoTranslation.Domain;

/// <summary>
/// Every machine-readable <c>code</c> the service gives: in problem details (refusals of a request) and in a failed
/// job's <c>error</c>. The one list: clients branch on these, so each is written here and nowhere else.
/// </summary>
public static class ErrorCodes
{
    // A request refused.

    /// <summary>A field is missing or invalid; the problem's <c>errors</c> names each.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The multipart body cannot be read.</summary>
    public const string MalformedRequest = "malformed_request";

    /// <summary>Too many fields, or fields or subtitles too large.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>A field the endpoint does not take.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>The body is not in a format the endpoint takes (an upload that is not <c>multipart/form-data</c>).</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>An <c>Idempotency-Key</c> already used for a different request.</summary>
    public const string IdempotencyConflict = "idempotency_conflict";

    /// <summary>The job has no such cue track: <c>source</c> or one of its target languages.</summary>
    public const string TrackNotFound = "track_not_found";

    /// <summary>The job is still working (a first run or a render): its cues cannot change now.</summary>
    public const string JobPending = "job_pending";

    /// <summary>The job never finished a render, so it has no cues to edit or render.</summary>
    public const string NotRendered = "not_rendered";

    /// <summary>No cue changed since the last render.</summary>
    public const string NothingToRender = "nothing_to_render";

    /// <summary>The track changed since the <c>ETag</c> sent in <c>If-Match</c> (412).</summary>
    public const string TrackChanged = "track_changed";

    /// <summary>The job is rendering edits over its earlier results, and a render runs to its end (cancel is refused).</summary>
    public const string RenderRunning = "render_running";

    /// <summary>No job with that id (or another tenant's).</summary>
    public const string JobNotFound = "job_not_found";

    /// <summary>The engines here cannot handle the languages (or the voice).</summary>
    public const string UnsupportedLanguage = "unsupported_language";

    /// <summary><c>source_url</c> could not be fetched.</summary>
    public const string SourceUnavailable = "source_unavailable";

    /// <summary><c>source_url</c> holds more than the server takes.</summary>
    public const string SourceTooLarge = "source_too_large";

    /// <summary>An artifact range past its end.</summary>
    public const string RangeNotSatisfiable = "range_not_satisfiable";

    /// <summary>A server without keys refuses a request addressed to a name that is not loopback.</summary>
    public const string HostNotAllowed = "host_not_allowed";

    /// <summary>A server without keys refuses a change sent from another site's page.</summary>
    public const string CrossOrigin = "cross_origin";

    /// <summary>The key sent more requests a minute than it may.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The tenant has as many jobs pending as it may.</summary>
    public const string TooManyPendingJobs = "too_many_pending_jobs";

    /// <summary>The key holds as many long-polls and event streams open as it may.</summary>
    public const string TooManyWaiters = "too_many_waiters";

    // The media (refused at submit, or failing its job).

    public const string EmptyFile = "empty_file";
    public const string NotMedia = "not_media";
    public const string Truncated = "truncated";
    public const string NoAudio = "no_audio";
    public const string ZeroDuration = "zero_duration";
    public const string MediaTooLong = "media_too_long";
    public const string InvalidMedia = "invalid_media";

    /// <summary>Provided subtitles do not parse.</summary>
    public const string InvalidSubtitles = "invalid_subtitles";

    // A job failed.

    /// <summary>The glossary would make the text grow past its bound.</summary>
    public const string GlossaryTooLarge = "glossary_too_large";

    /// <summary>An engine's program is not installed, or its server is not configured.</summary>
    public const string EngineUnavailable = "engine_unavailable";

    /// <summary>A tool ran past <c>Tools:MaxSeconds</c>.</summary>
    public const string ToolTimeout = "tool_timeout";

    /// <summary>Transient errors on every attempt.</summary>
    public const string GaveUp = "gave_up";

    /// <summary>Every worker that took it stopped before finishing.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Cancelled at the client's request.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>A failure with no more specific code (the simulated engine's).</summary>
    public const string TranslationFailed = "translation_failed";
}
