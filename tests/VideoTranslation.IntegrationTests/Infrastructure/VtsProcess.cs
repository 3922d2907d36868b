using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>vts</c> program (built beside the tests) as a child process.</summary>
public sealed partial class VtsProcess : IAsyncDisposable
{
    private static readonly string VtsDll = Path.Combine(AppContext.BaseDirectory, "vts.dll");

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private VtsProcess(Process process) => this.process = process;

    /// <summary>Everything the process printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <c>vts serve</c> on a free loopback port and returns once it listens.</summary>
    public static async Task<(VtsProcess Process, Uri BaseAddress)> ServeAsync(params string[] args)
    {
        var server = Start(["serve", "--urls", "http://127.0.0.1:0", .. args]);
        try
        {
            var address = await server.listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return (server, address);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"vts serve did not start listening. Output:\n{server.Output}");
        }
    }

    /// <summary>Starts <c>vts worker</c>: it serves nothing, so there is no address to wait for.</summary>
    public static VtsProcess Worker(params string[] args) => Start(["worker", .. args]);

    /// <summary>Runs a <c>vts</c> command to the end and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunInDirectoryAsync(null, args);

    /// <summary>Runs a <c>vts</c> command with <paramref name="workingDirectory"/> as its current directory.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInDirectoryAsync(string? workingDirectory, params string[] args) =>
        RunWithAsync(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs a <c>vts</c> command with <paramref name="environment"/> added to its environment variables.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(
        string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = StartInfo(args);
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits until the process has printed <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"vts never printed '{text}'. Output:\n{Output}");
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private static VtsProcess Start(string[] args)
    {
        var process = new Process { StartInfo = StartInfo(args), EnableRaisingEvents = true };
        var vts = new VtsProcess(process);
        process.OutputDataReceived += (_, e) => vts.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => vts.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return vts;
    }

    private static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        if (!File.Exists(VtsDll))
        {
            throw new FileNotFoundException($"vts.dll is not beside the tests at {VtsDll}; build the test project.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(VtsDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // No colours or terminal width games in captured output.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["VTS_SERVER"] = null;
        return info;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
