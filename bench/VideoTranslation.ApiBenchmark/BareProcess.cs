using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VideoTranslation.ApiBenchmark;

/// <summary>The bare Kestrel baseline (<see cref="BareKestrel"/>) in a process of its own, on a free loopback port.</summary>
internal sealed class BareProcess : IAsyncDisposable
{
    private readonly Process process;

    private BareProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareProcess> StartAsync()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(BareProcess).Assembly.Location, "--bare", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bare = new BareProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                (await http.GetAsync(new Uri(bare.BaseAddress, "healthz"))).EnsureSuccessStatusCode();
                return bare;
            }
            catch (HttpRequestException) when (i < 300 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
