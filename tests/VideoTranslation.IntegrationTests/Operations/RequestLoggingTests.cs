using System.Net.Http.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Operations;

/// <summary>A line per request only when the operator asks for it (<c>--log-requests</c>): by default nothing runs for it.</summary>
public sealed class RequestLoggingTests
{
    [Fact]
    public async Task Requests_are_logged_only_when_asked_for_and_without_their_query()
    {
        using var data = new TempDirectory();
        foreach (var asked in new[] { false, true })
        {
            var (server, address) = await VtsProcess.ServeAsync(["--data", data.Path, .. asked ? ["--log-requests"] : Array.Empty<string>()]);
            await using (server)
            {
                using var http = new HttpClient { BaseAddress = address };
                (await http.GetAsync("v1/capabilities?token=secret-in-the-query")).EnsureSuccessStatusCode();
                (await http.GetAsync("healthz")).EnsureSuccessStatusCode();

                // The console log is written in order: once a job's start is logged, any line for the requests before it is too.
                (await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" })).EnsureSuccessStatusCode();
                await server.WaitForOutputAsync("Job started", TimeSpan.FromSeconds(60));
                Assert.Equal(asked, server.Output.Contains("/v1/capabilities", StringComparison.Ordinal));
                Assert.Equal(asked, server.Output.Contains("/healthz", StringComparison.Ordinal));
                Assert.DoesNotContain("secret-in-the-query", server.Output, StringComparison.Ordinal);
            }
        }
    }
}
