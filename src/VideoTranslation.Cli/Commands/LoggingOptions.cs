using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace VideoTranslation.Cli.Commands;

/// <summary>The <c>--log-level</c> option and what it means for each log category.</summary>
internal static class LoggingOptions
{
    private static readonly string[] Levels = ["trace", "debug", "information", "warning", "error", "critical", "none"];

    public static Option<string> CreateLevelOption() => new Option<string>("--log-level")
    {
        Description = "Minimum level of log messages [config: Logging:LogLevel:Default; default: information]",
    }.AcceptOnlyFromAmong(Levels);

    public static LogLevel Parse(string level) => Enum.Parse<LogLevel>(level, ignoreCase: true);

    /// <summary>
    /// Sets the level for our own categories and for request logging; ASP.NET Core's internals stay at warning
    /// unless an even higher level is asked for.
    /// </summary>
    public static void ApplyLevel(string level, Dictionary<string, string?> settings)
    {
        var parsed = Parse(level);
        settings["Logging:LogLevel:Default"] = parsed.ToString();
        settings["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = parsed.ToString();
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = parsed.ToString();
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = (parsed > LogLevel.Warning ? parsed : LogLevel.Warning).ToString();
    }
}
