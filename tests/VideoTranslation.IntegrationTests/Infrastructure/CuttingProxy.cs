using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy on a free loopback port in front of a server, which drops its first connection as soon as the first
/// complete server-sent event has gone through: the network failure an event-stream client must survive. Later
/// connections pass untouched; it counts the requests sent through it (a client may send several on one connection).
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int connections;
    private int requests;

    public CuttingProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>The HTTP requests that went through, on any connection.</summary>
    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cutAfterFirstEvent: Interlocked.Increment(ref connections) == 1);
        }
    }

    private async Task RelayAsync(TcpClient client, bool cutAfterFirstEvent)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(target.Host, target.Port, stopping.Token);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                var up = UpAsync(client.GetStream(), server.GetStream(), done.Token);
                var down = DownAsync(server.GetStream(), client.GetStream(), cutAfterFirstEvent, done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away: so does the other.
            }
        }
    }

    /// <summary>Relays the client's requests, counting them: each begins with a request line (GET, with no body).</summary>
    private async Task UpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var text = Encoding.ASCII.GetString(buffer, 0, read);
            for (var at = text.IndexOf("GET /", StringComparison.Ordinal); at >= 0; at = text.IndexOf("GET /", at + 1, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref requests);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task DownAsync(Stream from, Stream to, bool cutAfterFirstEvent, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            if (cutAfterFirstEvent)
            {
                seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = seen.ToString();
                var data = text.IndexOf("\ndata:", StringComparison.Ordinal);
                if (data >= 0 && text.IndexOf("\n\n", data, StringComparison.Ordinal) >= 0)
                {
                    return; // a whole event went through: drop the connection
                }
            }
        }
    }
}
