namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>A test class with its own running server and a plain HttpClient for it.</summary>
public abstract class ServerTest(double minSeconds = 0.05, double maxSeconds = 0.2) : IAsyncLifetime
{
    protected TestServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(minSeconds, maxSeconds);
        Http = Server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
