using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Packaging;

/// <summary>
/// The two things that ship as packages, packed from the Release build the tests run on: the client library (with its
/// README and XML docs, depending on nothing server-side) and vts as a .NET tool that installs and runs.
/// </summary>
public sealed class PackagingTests : IDisposable
{
    private static readonly ToolLimits Packing = new(TimeSpan.FromMinutes(5), 0);

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task The_client_library_packs_with_its_readme_and_docs_and_no_server_dependency()
    {
        var package = await PackAsync("src/VideoTranslation.Client/VideoTranslation.Client.csproj", "VideoTranslation.Client");

        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(entry => entry.FullName).ToList();
        Assert.Contains("README.md", entries);
        Assert.Contains("lib/net10.0/VideoTranslation.Client.dll", entries);
        Assert.Contains("lib/net10.0/VideoTranslation.Client.xml", entries);
        using var nuspec = zip.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.NotEmpty(dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("VideoTranslation", StringComparison.Ordinal) || id.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vts_packs_as_a_dotnet_tool_that_installs_and_runs()
    {
        var package = await PackAsync("src/VideoTranslation.Cli/VideoTranslation.Cli.csproj", "VideoTranslation.Cli");
        var tools = Path.Combine(directory.Path, "tools");

        await ExternalTool.RunAsync(
            "dotnet", ["tool", "install", "--tool-path", tools, "--add-source", Path.GetDirectoryName(package)!, "VideoTranslation.Cli", "--version", "0.1.0"],
            default, limits: Packing);
        var help = await ExternalTool.RunAsync(Path.Combine(tools, "vts"), ["--help"], default, limits: Packing);

        Assert.Contains("vts: the VideoTranslation service", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("serve", help.StandardOutput, StringComparison.Ordinal);

        // The installed server carries its web page and API reference: nothing is read from the repository.
        var url = new Uri($"http://127.0.0.1:{FreePort.Number()}");
        using var server = Process.Start(new ProcessStartInfo(Path.Combine(tools, "vts"))
        {
            ArgumentList = { "serve", "--urls", url.ToString(), "--data", Path.Combine(directory.Path, "data"), "--log-level", "warning" },
            WorkingDirectory = directory.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            using var http = new HttpClient { BaseAddress = url };
            var page = await Eventually.ValueAsync(
                async () =>
                {
                    try
                    {
                        return await http.GetStringAsync("/");
                    }
                    catch (HttpRequestException) when (!server.HasExited)
                    {
                        return null; // not listening yet
                    }
                },
                "the installed vts serving its page");
            Assert.Contains("<title>VideoTranslation</title>", page, StringComparison.Ordinal);
            Assert.Contains("Translate a video", page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/app/app.js")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs/")).StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Packs without building: the test run has just built everything in Release.</summary>
    private async Task<string> PackAsync(string project, string id)
    {
        var output = Path.Combine(directory.Path, "packages");
        await ExternalTool.RunAsync("dotnet", ["pack", Path.Combine(Repository.Root, project), "-c", "Release", "--no-build", "-o", output, "--nologo"], default, limits: Packing);
        return Assert.Single(Directory.GetFiles(output, $"{id}.*.nupkg"));
    }
}
