using System.Diagnostics;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// The third-party Node tools <c>scripts/test.sh</c> installs into <c>.build/conformance</c> (Redocly CLI,
/// openapi-typescript, TypeScript, openapi-fetch, eventsource, standardwebhooks), and the scripts in
/// <c>Conformance/scripts</c> that drive them. Each run works in a directory of its own under the installation, so the
/// scripts import the installed packages the way any Node program does.
/// </summary>
public sealed class NodeTools : IDisposable
{
    private static readonly string Installed = Path.Combine(Repository.Root, ".build", "conformance");
    private static readonly string Scripts = Path.Combine(Repository.Root, "tests", "VideoTranslation.IntegrationTests", "Conformance", "scripts");

    public NodeTools()
    {
        if (!File.Exists(Path.Combine(Installed, "installed")))
        {
            throw new InvalidOperationException($"The conformance tools are not installed ({Installed}); run scripts/test.sh, which installs them with npm.");
        }

        WorkDirectory = Directory.CreateDirectory(Path.Combine(Installed, "work", Guid.NewGuid().ToString("N"))).FullName;
    }

    /// <summary>Where this run's files are: scripts copied in, documents written, output compiled.</summary>
    public string WorkDirectory { get; }

    /// <summary>Copies <paramref name="script"/> from <c>Conformance/scripts</c> into the work directory; returns its path there.</summary>
    public string Script(string script)
    {
        var path = Path.Combine(WorkDirectory, script);
        File.Copy(Path.Combine(Scripts, script), path, overwrite: true);
        return path;
    }

    /// <summary>Runs an installed tool (standard output and error apart) (<c>node_modules/.bin/NAME</c>) in the work directory.</summary>
    public Task<(int ExitCode, string Output, string Errors)> ToolAsync(string name, params string[] arguments) =>
        RunAsync(Path.Combine(Installed, "node_modules", ".bin", name), arguments);

    /// <summary>Runs <c>node</c> with <paramref name="arguments"/> in the work directory.</summary>
    public Task<(int ExitCode, string Output, string Errors)> NodeAsync(params string[] arguments) => RunAsync("node", arguments);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A tool still holding a file; the next run has a directory of its own.
        }
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = WorkDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No tool may call home from a test: Redocly's usage telemetry and update check are off.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(executable)} {string.Join(' ', arguments)} did not finish within 4 minutes.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
