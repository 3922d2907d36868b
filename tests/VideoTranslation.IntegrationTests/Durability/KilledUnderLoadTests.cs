using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Durability;

/// <summary>
/// Submissions are committed several at a time (group commit): an answer must still mean the job is stored. A flood
/// of submissions is cut by SIGKILL in the middle; every job the server answered for must be there after a restart.
/// </summary>
[Collection(ScaleOut.PostgresCollection.Name)]
public sealed class KilledUnderLoadTests
{
    [Fact]
    public Task Every_answered_submission_survives_a_kill_on_SQLite() => FloodThenKillAsync();

    [Fact]
    public async Task Every_answered_submission_survives_a_kill_on_PostgreSQL() =>
        await FloodThenKillAsync("--database", await (await PostgresServer.GetAsync()).CreateDatabaseAsync());

    private static async Task FloodThenKillAsync(params string[] database)
    {
        using var data = new TempDirectory();
        string[] options = ["--data", data.Path, "--sim-min-seconds", "600", "--sim-max-seconds", "600", .. database];
        var answered = new ConcurrentBag<string>();
        var (first, address) = await VtsProcess.ServeAsync(options);
        await using (first)
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address };
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" });
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            answered.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToList();

            // Kill while submissions are in flight, once a good number have been answered.
            await Eventually.ValueAsync(() => Task.FromResult(answered.Count >= 300 ? answered : null), "300 answered submissions");
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }

        var (second, restarted) = await VtsProcess.ServeAsync(options);
        await using (second)
        {
            using var http = new HttpClient { BaseAddress = restarted };
            foreach (var id in answered)
            {
                using var response = await http.GetAsync($"job/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"job {id} was answered before the kill but is gone after it");
            }
        }
    }
}
