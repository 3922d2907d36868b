using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Api.V1;

/// <summary>Limits of the v1 API. Bound from the <c>Api</c> configuration section (which also holds <see cref="Engines.MediaLimitOptions"/>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The body limit of every request but uploads: none of them needs more than a few kilobytes.</summary>
    public const long MaxOtherRequestBodyBytes = 1024 * 1024;

    /// <summary>Largest accepted upload (the whole multipart request), in bytes; larger ones get 413.</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Api:MaxUploadBytes must be positive.")]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Longest a <c>source_url</c> download may take.</summary>
    public TimeSpan SourceDownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether <c>source_url</c> may point at loopback, private and link-local addresses (off: SSRF).</summary>
    public bool AllowPrivateSourceUrls { get; set; }

    /// <summary>Longest a long-poll (<c>?wait=</c>, <c>Prefer: wait=</c>) is held; longer requests are capped to it.</summary>
    [Range(0, 3600, ErrorMessage = "Api:MaxWaitSeconds must be between {1} and {2}.")]
    public double MaxWaitSeconds { get; set; } = 60;

    /// <summary>How often an event stream with nothing to say sends a <c>ping</c> event, so idle proxies keep it open.</summary>
    public TimeSpan EventsKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Writes a line per request (method, path, status, duration) at Information. Off unless asked for: under load a
    /// line per request costs about half of the status reads a node answers, and a proxy in front usually logs them already.
    /// </summary>
    public bool LogRequests { get; set; }
}
