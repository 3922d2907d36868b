using VideoTranslation.Client;

namespace VideoTranslation.Cli;

/// <summary>Process exit codes, documented in the README so scripts can act on them.</summary>
internal static class ExitCodes
{
    /// <summary>The job completed (or the command did what it was asked).</summary>
    public const int Success = 0;

    /// <summary>The job ended in error.</summary>
    public const int JobFailed = 1;

    /// <summary>The job did not finish within the timeout.</summary>
    public const int Timeout = 2;

    /// <summary>The server could not be reached, even after retries.</summary>
    public const int Unreachable = 3;

    /// <summary>The server refused the request (bad input, unknown job id, conflicting job id).</summary>
    public const int Rejected = 4;

    /// <summary><c>vts serve</c>, or a local <c>vts translate</c>, could not start (invalid settings, address in use, unusable data directory).</summary>
    public const int StartFailed = 5;

    /// <summary>
    /// The command line itself is wrong (unknown command or option, missing or malformed value): EX_USAGE from
    /// sysexits.h, so a script never mistakes a typo for a failed job (System.CommandLine's own code for it is 1).
    /// </summary>
    public const int Usage = 64;

    /// <summary>The exit code for a failure a client command expects; null for a bug, which should crash loudly.</summary>
    public static int? ForFailure(Exception exception) => exception switch
    {
        TranslationException => JobFailed,
        TimeoutException => Timeout,
        TranslationApiException or ArgumentException => Rejected,
        HttpRequestException => Unreachable,
        _ => null,
    };
}
