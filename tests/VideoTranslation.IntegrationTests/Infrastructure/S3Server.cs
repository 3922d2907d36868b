using System.Diagnostics;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// A real S3-compatible server, s3rver (npm; <c>scripts/test.sh</c> installs it into <c>.build/s3rver</c>), started
/// once per test run on a free loopback port with a temporary directory and one bucket. Its credentials are s3rver's
/// fixed <c>S3RVER</c> / <c>S3RVER</c>, and it checks request signatures like S3.
/// </summary>
public sealed class S3Server
{
    public const string Bucket = "vts-artifacts";

    private static readonly Lazy<Task<S3Server>> Shared = new(StartAsync);

    private S3Server(Uri serviceUrl) => ServiceUrl = serviceUrl;

    public Uri ServiceUrl { get; }

    public static Task<S3Server> GetAsync() => Shared.Value;

    /// <summary>The settings that point a node's artifact store at this server, its keys under <paramref name="prefix"/>.</summary>
    public Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Artifacts:Store"] = "s3",
        ["Artifacts:S3:ServiceUrl"] = ServiceUrl.ToString(),
        ["Artifacts:S3:Bucket"] = Bucket,
        ["Artifacts:S3:Prefix"] = prefix,
        ["Artifacts:S3:AccessKey"] = "S3RVER",
        ["Artifacts:S3:SecretKey"] = "S3RVER",
    };

    private static async Task<S3Server> StartAsync()
    {
        var executable = Path.Combine(Repository.Root, ".build", "s3rver", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"s3rver is not installed ({executable}); run scripts/test.sh, which installs it with npm.");
        }

        var directory = Directory.CreateTempSubdirectory("vts-s3rver-").FullName;
        var port = FreePort.Number();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            process.Kill(entireProcessTree: true);
            Directory.Delete(directory, recursive: true);
        };

        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                await http.GetAsync(url); // any answer means it listens
                return new S3Server(url);
            }
            catch (HttpRequestException) when (i < 200 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
