namespace VideoTranslation.Server.Hosting;

/// <summary>Builds the server application: what <c>vts serve</c> runs and what tests start on a loopback port.</summary>
public static class VideoTranslationServer
{
    /// <summary>Listens on loopback only unless told otherwise; the seed's port.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8000";

    /// <summary>Prefix of environment variables read as configuration, e.g. <c>VTS_Workers__Concurrency=4</c>.</summary>
    public const string EnvironmentPrefix = "VTS_";

    /// <summary>
    /// appsettings.json is read once. Reloading it on change would watch the working directory and everything under it
    /// (the default data directory included, where every commit writes): work on every write, for settings that
    /// mostly cannot change without a restart anyway.
    /// </summary>
    private const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["urls"] = DefaultUrls,
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

        // ASP.NET Core starts an Activity for every request whenever this category logs at any level, only to put a
        // trace id in log scopes: 5% more CPU per status read (paired wrk runs, docs/benchmarks.md). Its own lines
        // (request started and finished) are what --log-requests gives, its start-up errors are thrown and printed
        // by vts, and a 500's line names its trace id itself (UnhandledExceptionHandler). An operator who wants it
        // sets this key in appsettings.json, which wins over these defaults.
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>
    /// Creates the application. Configuration, lowest precedence first: built-in defaults, appsettings.json,
    /// environment variables (plain and <c>VTS_</c>-prefixed), <paramref name="args"/>, then <paramref name="overrides"/>.
    /// </summary>
    public static WebApplication Create(
        string[]? args = null,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [NoConfigurationReload, .. args ?? []] });
        Configure(builder.Configuration, args, overrides);
        builder.AddVideoTranslationServer();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseVideoTranslationServer();
        return app;
    }

    /// <summary>
    /// Creates a worker: the same job store, engines and workers as the server, configured the same way, but no
    /// HTTP API (<c>vts worker</c>). Several workers on several machines share one PostgreSQL database. With
    /// <c>Workers:MetricsUrls</c> it listens there for operations only: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.
    /// </summary>
    public static IHost CreateWorker(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder([NoConfigurationReload]);
        Configure(builder.Configuration, null, overrides);
        builder.Configuration["Workers:Enabled"] = "true";
        var metricsUrls = builder.Configuration["Workers:MetricsUrls"];
        builder.AddVideoTranslationServer();
        if (string.IsNullOrWhiteSpace(metricsUrls))
        {
            builder.WebHost.UseServer(new NoServer());
        }
        else
        {
            builder.WebHost.UseUrls(metricsUrls);
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOperationsEndpoints();
        return app;
    }

    /// <summary>
    /// The configuration a server would read here, for tools that run parts of it in their own process (<c>vts translate</c>
    /// runs the pipeline): built-in defaults, appsettings.json, environment variables (plain and <c>VTS_</c>-prefixed).
    /// </summary>
    public static IConfiguration LoadConfiguration()
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile("appsettings.json", optional: true);
        configuration.AddEnvironmentVariables();
        Configure(configuration, null, null);
        return configuration;
    }

    private static void Configure(ConfigurationManager configuration, string[]? args, IReadOnlyDictionary<string, string?>? overrides)
    {
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (args is { Length: > 0 })
        {
            configuration.AddCommandLine(args);
        }

        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>
    /// The secret this server signs <paramref name="tenant"/>'s webhooks with (generated and kept in its database, or
    /// <c>Webhooks:Secret</c> for the default tenant), for receivers to verify them; with <paramref name="rotate"/>, a
    /// new one (the old one keeps signing too for <c>Webhooks:RotationOverlap</c>). The app need not be started.
    /// </summary>
    public static async Task<string> GetWebhookSecretAsync(WebApplication app, string tenant, bool rotate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.Services.GetRequiredService<Storage.IJobDatabase>().InitializeAsync().WaitAsync(cancellationToken);
        var secrets = app.Services.GetRequiredService<Webhooks.WebhookSecret>();
        return rotate ? (await secrets.RotateAsync(tenant, cancellationToken)).Secret : await secrets.GetAsync(tenant, cancellationToken);
    }

    /// <summary>A server that serves nothing: a worker without <c>Workers:MetricsUrls</c> opens no port.</summary>
    private sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
