using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VideoTranslation.Benchmarks.Shared;

/// <summary>
/// A <c>vts serve</c> (or <c>vts worker</c>) in its own process, serve on a free loopback port, with its CPU time and
/// memory read from /proc. Settings go in as <c>VTS_</c> environment variables.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string? ownedData;

    private ServerProcess(Process process, Uri? baseAddress, string? ownedData)
    {
        this.process = process;
        this.ownedData = ownedData;
        BaseAddress = baseAddress!;
    }

    /// <summary>
    /// .NET runtime settings (<c>DOTNET_</c> variables) for every server this process starts, baselines included so
    /// that both sides run alike, and for them only. The benchmark's own runtime settings are not passed on: a
    /// variable set on the benchmark's command line would otherwise tune the instrument and the server alike, and a
    /// comparison could not tell which one it moved.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeSettings { get; set; } = new Dictionary<string, string>();

    /// <summary>Where a served API answers (not set for a worker).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts <c>vts serve</c> and waits until it answers; without <c>--data</c> in <paramref name="args"/>, in a temporary data directory.</summary>
    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        StartAsync(settings, "warning", args);

    /// <summary>As <see cref="StartAsync(IReadOnlyDictionary{string, string}, string[])"/>, logging at <paramref name="logLevel"/> (null: the server's default).</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? logLevel, params string[] args)
    {
        var port = FreePort();
        var data = args.Contains("--data") ? null : Directory.CreateTempSubdirectory("vts-bench-").FullName;
        var process = Start(settings, ["serve", "--urls", $"http://127.0.0.1:{port}", .. data is null ? Array.Empty<string>() : ["--data", data], .. args], logLevel);
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), data);
        await WaitUntilAnswersAsync(process, server.BaseAddress);
        return server;
    }

    /// <summary>Waits until <paramref name="process"/> answers <c>GET /healthz</c> at <paramref name="baseAddress"/> (30 s at most, or until it exits).</summary>
    public static async Task WaitUntilAnswersAsync(Process process, Uri baseAddress)
    {
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                (await http.GetAsync(new Uri(baseAddress, "healthz"))).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (i < 300 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Starts <c>vts worker</c> with <paramref name="args"/> (which name the shared database and data directory).</summary>
    public static ServerProcess StartWorker(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        new(Start(settings, ["worker", .. args], "warning"), null, null);

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

    /// <summary>SIGKILL, as a crash or the OOM killer would: no graceful hand-back of its jobs.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        if (ownedData is not null)
        {
            Directory.Delete(ownedData, recursive: true);
        }
    }

    private static Process Start(IReadOnlyDictionary<string, string> settings, string[] args, string? logLevel)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "vts.dll"), .. args, .. logLevel is null ? Array.Empty<string>() : ["--log-level", logLevel]])
        {
            start.ArgumentList.Add(arg);
        }

        ApplyRuntimeSettings(start);
        foreach (var (key, value) in settings)
        {
            start.Environment["VTS_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"  [{args[0]}] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Gives a process about to start <see cref="RuntimeSettings"/> in place of the runtime settings it would inherit.</summary>
    public static void ApplyRuntimeSettings(ProcessStartInfo start)
    {
        foreach (var inherited in start.Environment.Keys.Where(IsRuntimeSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in RuntimeSettings)
        {
            start.Environment[key] = value;
        }
    }

    /// <summary>A variable that tunes the .NET runtime (the <c>dotnet</c> host's own <c>DOTNET_ROOT</c> aside).</summary>
    public static bool IsRuntimeSetting(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.Ordinal) && !name.StartsWith("DOTNET_ROOT", StringComparison.Ordinal))
        || name.StartsWith("COMPlus_", StringComparison.Ordinal);

    /// <summary>A loopback port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
