using System.Diagnostics;
using VideoTranslation.Benchmarks.Shared;

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
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(BareProcess).Assembly.Location, "--bare", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        ServerProcess.ApplyRuntimeSettings(start); // the same runtime as the servers it is compared with
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bare = new BareProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        await ServerProcess.WaitUntilAnswersAsync(process, bare.BaseAddress);
        return bare;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
