using System.Net;
using System.Net.Sockets;

namespace VideoTranslation.IntegrationTests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port free right now, for a server a test starts.</summary>
    public static int Number()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A loopback URL where nothing listens: bound once by the OS, then released.</summary>
    public static Uri NothingListening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
