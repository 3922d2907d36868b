using VideoTranslation.Client;

namespace VideoTranslation.WaitingBenchmark;

/// <summary>One strategy's HTTP connection pool, counted: a plain HttpClient for hand-written pollers, and the client library per wait mode.</summary>
internal sealed class Waiter : IDisposable
{
    private readonly CountingHandler counter = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
    private readonly Dictionary<WaitMode, VideoTranslationClient> clients = [];

    public Waiter(Uri server) => Http = new HttpClient(counter, disposeHandler: false) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };

    public HttpClient Http { get; }

    public long Requests => counter.Count;

    /// <summary>The client library in one wait mode, with the seed's delays (0.5 to 3 s) as its bounds.</summary>
    public VideoTranslationClient Client(WaitMode mode)
    {
        lock (clients)
        {
            if (!clients.TryGetValue(mode, out var client))
            {
                client = new VideoTranslationClient(Http, new TranslationConfig { WaitMode = mode, BaseTimeout = TimeSpan.FromMinutes(5) });
                clients[mode] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        counter.Dispose();
    }
}
