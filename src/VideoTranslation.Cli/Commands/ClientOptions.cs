using System.CommandLine;
using Microsoft.Extensions.Logging;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary>Options shared by the commands that talk to a running server.</summary>
internal sealed class ClientOptions
{
    public const string ServerVariable = "VTS_SERVER";

    public Option<string> Server { get; } = new("--server", "-s")
    {
        Description = $"The server's URL [env: {ServerVariable}; default: http://127.0.0.1:8000]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } url ? url : "http://127.0.0.1:8000",
    };

    public const string ApiKeyVariable = "VTS_API_KEY";

    public Option<string> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key (vts_...) for a server that requires one [env: {ApiKeyVariable}]",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiKeyVariable) ?? "",
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the job before giving up (exit code 2)",
        DefaultValueFactory = _ => 300,
    };

    public Option<bool> Json { get; } = JsonOption.Create();

    public Option<string> LogLevel { get; } = LoggingOptions.CreateLevelOption();

    private bool hasTimeout;

    public void AddTo(Command command, bool withTimeout)
    {
        command.Add(Server);
        command.Add(ApiKey);
        if (withTimeout)
        {
            command.Add(Timeout);
            hasTimeout = true;
        }

        command.Add(Json);
        command.Add(LogLevel);
    }

    /// <summary>A client for the chosen server; its logs go to stderr so stdout stays parseable.</summary>
    public (VideoTranslationClient Client, ILoggerFactory Logs) CreateClient(ParseResult parse)
    {
        var level = parse.GetValue(LogLevel) is { } name ? LoggingOptions.Parse(name) : Microsoft.Extensions.Logging.LogLevel.Warning;
        var logs = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddConsole(console => console.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace)
            .AddSimpleConsole(console => console.SingleLine = true));

        var server = parse.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            logs.Dispose();
            throw new ArgumentException($"--server must be an http:// or https:// URL, not '{server}'.");
        }

        var config = new TranslationConfig { ApiKey = parse.GetValue(ApiKey) is { Length: > 0 } key ? key : null };
        if (hasTimeout)
        {
            config.BaseTimeout = TimeSpan.FromSeconds(parse.GetValue(Timeout));
        }

        return (new VideoTranslationClient(uri, config, logs.CreateLogger<VideoTranslationClient>()), logs);
    }
}
