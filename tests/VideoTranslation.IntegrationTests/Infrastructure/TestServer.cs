using System.Globalization;
using Microsoft.AspNetCore.Builder;
using VideoTranslation.Client;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (Kestrel, SQLite, workers) started in-process on a free loopback port, with a temp data
/// directory and the simulated engine scaled to milliseconds unless a test says otherwise.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempDirectory? ownedData;

    private TestServer(WebApplication app, Uri baseAddress, string dataDirectory, TempDirectory? ownedData)
    {
        this.app = app;
        this.ownedData = ownedData;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => app.Services;

    public static Task<TestServer> StartAsync(double minSeconds = 0.05, double maxSeconds = 0.2, double errorRate = 0, int workers = 16) =>
        StartAsync(Settings(minSeconds, maxSeconds, errorRate, workers));

    public static async Task<TestServer> StartAsync(
        IReadOnlyDictionary<string, string?> settings, string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owned = dataDirectory is null ? new TempDirectory() : null;
        var data = dataDirectory ?? owned!.Path;
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = data,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        var app = VideoTranslationServer.Create(overrides: overrides, configure: configure);
        await app.StartAsync();
        return new TestServer(app, new Uri(app.Urls.Single()), data, owned);
    }

    public static Dictionary<string, string?> Settings(double minSeconds = 0.05, double maxSeconds = 0.2, double errorRate = 0, int workers = 16) => new()
    {
        ["Simulation:MinSeconds"] = minSeconds.ToString(CultureInfo.InvariantCulture),
        ["Simulation:MaxSeconds"] = maxSeconds.ToString(CultureInfo.InvariantCulture),
        ["Simulation:ErrorRate"] = errorRate.ToString(CultureInfo.InvariantCulture),
        ["Workers:Concurrency"] = workers.ToString(CultureInfo.InvariantCulture),
    };

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>An HttpClient that sends <paramref name="apiKey"/> (or any token, valid or not) as its bearer token.</summary>
    public HttpClient CreateHttpClient(string apiKey)
    {
        var http = CreateHttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        return http;
    }

    /// <summary>A client that polls fast, so tests finish quickly; timeouts stay generous for a loaded CI machine.</summary>
    public VideoTranslationClient CreateClient(TranslationConfig? config = null) => new(BaseAddress, config ?? FastPolling());

    public static TranslationConfig FastPolling(double timeoutSeconds = 60) => new()
    {
        BaseTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        MinDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        ownedData?.Dispose();
    }
}
