using System.CommandLine;
using System.Globalization;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// Options that configure a server process. Each maps to a configuration key and is applied only when given,
/// so appsettings.json and <c>VTS_</c> environment variables keep working underneath.
/// </summary>
internal sealed class ServerOptions
{
    public Option<string> Urls { get; } = new("--urls")
    {
        Description = $"Addresses to listen on, ';'-separated [config: urls; default: {VideoTranslationServer.DefaultUrls}]",
    };

    public Option<string> Data { get; } = new("--data")
    {
        Description = "Data directory holding the job database [config: Storage:DataDirectory; default: ~/.local/share/videotranslation]",
    };

    public Option<string> Database { get; } = new("--database")
    {
        Description = "PostgreSQL for several nodes: postgresql://user:password@host:5432/db or an Npgsql connection string [config: Storage:Database; default: SQLite in --data]",
    };

    public Option<int> Workers { get; } = new("--workers")
    {
        Description = "Jobs run at once by this process [config: Workers:Concurrency; default: 8]",
    };

    public Option<bool> NoWorkers { get; } = new("--no-workers")
    {
        Description = "Serve the API only; run no jobs in this process [config: Workers:Enabled=false]",
    };

    public Option<string> MetricsUrls { get; } = new("--metrics-urls")
    {
        Description = "Listen here for /healthz, /readyz and /metrics only, e.g. http://0.0.0.0:9100 [config: Workers:MetricsUrls; default: no port]",
    };

    public Option<string> Queues { get; } = new("--queues")
    {
        Description = "Take jobs only from these queues, comma-separated: simulated, recognition, translation, synthesis " +
                      "(e.g. a GPU machine: recognition) [config: Workers:Queues; default: all]",
    };

    public Option<double> LeaseSeconds { get; } = new("--lease-seconds")
    {
        Description = "Lease length: a job whose worker died is taken up again after this long [config: Workers:LeaseDuration; default: 30]",
    };

    public Option<int> MaxAttempts { get; } = new("--max-attempts")
    {
        Description = "Attempts before a job is failed for good [config: Workers:MaxAttempts; default: 3]",
    };

    public Option<double> SimMinSeconds { get; } = new("--sim-min-seconds")
    {
        Description = "Simulated engine: shortest job [config: Simulation:MinSeconds; default: 5]",
    };

    public Option<double> SimMaxSeconds { get; } = new("--sim-max-seconds")
    {
        Description = "Simulated engine: longest job [config: Simulation:MaxSeconds; default: 15]",
    };

    public Option<double> SimErrorRate { get; } = new("--sim-error-rate")
    {
        Description = "Simulated engine: probability (0-1) that a job fails [config: Simulation:ErrorRate; default: 0.05]",
    };

    public Option<double> SimTimeScale { get; } = new("--sim-time-scale")
    {
        Description = "Simulated engine: multiplies every duration, e.g. 0.01 [config: Simulation:TimeScale; default: 1]",
    };

    public Option<string> LogLevel { get; } = LoggingOptions.CreateLevelOption();

    public Option<bool> LogRequests { get; } = new("--log-requests")
    {
        Description = "Log a line per request: method, path, status, duration [config: Api:LogRequests; default: off]",
    };

    public Option<string> LogFormat { get; } = new Option<string>("--log-format")
    {
        Description = "Console log format [config: Logging:Console:FormatterName; default: simple]",
    }.AcceptOnlyFromAmong("simple", "json", "systemd");

    /// <param name="http">The process serves the API (<c>serve</c>), as opposed to only running jobs (<c>worker</c>).</param>
    public void AddTo(Command command, bool http = true)
    {
        foreach (var option in new Option[]
                 {
                     Urls, Data, Database, Workers, NoWorkers, Queues, LeaseSeconds, MaxAttempts,
                     SimMinSeconds, SimMaxSeconds, SimErrorRate, SimTimeScale, LogLevel, LogRequests, LogFormat,
                 })
        {
            if (http || (option != Urls && option != NoWorkers && option != LogRequests))
            {
                command.Add(option);
            }
        }

        if (!http)
        {
            command.Add(MetricsUrls);
        }
    }

    /// <summary>The configuration keys set on the command line.</summary>
    public Dictionary<string, string?> ToConfiguration(ParseResult parse)
    {
        var settings = new Dictionary<string, string?>();
        Set(parse, Urls, "urls", settings);
        Set(parse, Data, "Storage:DataDirectory", settings);
        Set(parse, Database, "Storage:Database", settings);
        Set(parse, Workers, "Workers:Concurrency", settings);
        Set(parse, Queues, "Workers:Queues", settings);
        Set(parse, MetricsUrls, "Workers:MetricsUrls", settings);
        if (parse.GetValue(NoWorkers))
        {
            settings["Workers:Enabled"] = "false";
        }

        if (parse.GetResult(LeaseSeconds) is not null)
        {
            settings["Workers:LeaseDuration"] = TimeSpan.FromSeconds(parse.GetValue(LeaseSeconds)).ToString("c", CultureInfo.InvariantCulture);
        }

        Set(parse, MaxAttempts, "Workers:MaxAttempts", settings);
        Set(parse, SimMinSeconds, "Simulation:MinSeconds", settings);
        Set(parse, SimMaxSeconds, "Simulation:MaxSeconds", settings);
        Set(parse, SimErrorRate, "Simulation:ErrorRate", settings);
        Set(parse, SimTimeScale, "Simulation:TimeScale", settings);
        Set(parse, LogFormat, "Logging:Console:FormatterName", settings);
        if (parse.GetValue(LogRequests))
        {
            settings["Api:LogRequests"] = "true";
        }

        if (parse.GetValue(LogLevel) is { } level)
        {
            LoggingOptions.ApplyLevel(level, settings);
        }

        return settings;
    }

    private static void Set<T>(ParseResult parse, Option<T> option, string key, Dictionary<string, string?> settings)
    {
        if (parse.GetResult(option) is not null)
        {
            settings[key] = Convert.ToString(parse.GetValue(option), CultureInfo.InvariantCulture);
        }
    }
}
