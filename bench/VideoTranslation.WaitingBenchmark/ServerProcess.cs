using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VideoTranslation.WaitingBenchmark;

/// <summary><c>vts serve</c> in its own process on a free loopback port, with its CPU time and memory read from /proc.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string data;

    private ServerProcess(Process process, Uri baseAddress, string data)
    {
        this.process = process;
        this.data = data;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("vts-waiting-bench-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "vts.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data, "--log-level", "warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment["VTS_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  [server] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), data);
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                (await http.GetAsync(new Uri(server.BaseAddress, "healthz"))).EnsureSuccessStatusCode();
                return server;
            }
            catch (HttpRequestException) when (i < 300 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>CPU time (user + system) the server has used so far, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var fields = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
    }

    /// <summary>Resident memory now, from /proc/PID/status.</summary>
    public long ResidentBytes =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    public int OpenFiles => Directory.GetFiles($"/proc/{process.Id}/fd").Length;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
