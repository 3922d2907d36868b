using System.CommandLine;

namespace VideoTranslation.Cli.Output;

/// <summary>The one <c>--json</c> every command with a result has: stdout is then exactly one JSON document, no progress bar.</summary>
internal static class JsonOption
{
    public static Option<bool> Create() => new("--json") { Description = "Print the result as JSON, for scripts, instead of text" };
}
