using System.Text.RegularExpressions;

namespace VideoTranslation.Server.Workers;

/// <summary>
/// What a job's error tells its user about an exception. Messages written for users pass; an engine server's answer
/// is reduced to its status (its body is the engine's words, not ours); and every message loses the absolute paths it
/// holds, since where the server keeps its files (or what a hostile input made a tool open) is nobody's business.
/// </summary>
internal static partial class PublicErrorMessage
{
    private const int MaxLength = 500;

    public static string For(Exception exception) => Scrub(exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"An engine server answered {(int)status} ({status}).",
        HttpRequestException => "An engine server could not be reached.",
        _ => exception.Message,
    });

    /// <summary><paramref name="message"/> cut to a length fit for a status page, with each absolute path replaced by '…'.</summary>
    public static string Scrub(string message)
    {
        // Cut first, so the pattern never runs over more than a status page's worth of text.
        var cut = message.Length <= MaxLength ? message : message[..MaxLength] + "…";
        return AbsolutePath().Replace(cut, "…");
    }

    /// <summary>A '/' not preceded by a word, a path or a URL's characters, and what follows up to a space or a quote.</summary>
    [GeneratedRegex(@"(?<![\w/:.~-])/[^\s'""()<>|,;]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AbsolutePath();
}
