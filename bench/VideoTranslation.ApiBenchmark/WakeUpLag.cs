using System.Globalization;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using VideoTranslation.Benchmarks.Shared;

namespace VideoTranslation.ApiBenchmark;

/// <summary>
/// How late a waiting client learns that its job finished, with many waiting at once: a job per client, all submitted
/// at the start and run by 16 worker slots (simulated, 50 to 150 ms each), so that they finish one after another over
/// several seconds while every client waits from the start.
/// The lag runs from the job's <c>completed_at</c> (the server's clock, the same machine's) to the moment the client
/// holds the answer that says so.
/// </summary>
internal static class WakeUpLag
{
    /// <summary>What the measured round may allocate without a collection: several times what it does.</summary>
    private const long NoCollectionBudget = 256L << 20;

    public static async Task<(string Row, double P99Ms)> MeasureAsync(string mode, Func<string, string> path, int waiters, int warmUps)
    {
        var settings = new Dictionary<string, string>
        {
            ["Simulation:MinSeconds"] = "0.05",
            ["Simulation:MaxSeconds"] = "0.15",
            ["Simulation:ErrorRate"] = "0",
            ["Workers:Concurrency"] = "16",
            ["Api:MaxWaiters"] = (waiters * 2).ToString(CultureInfo.InvariantCulture),
        };
        await using var server = await ServerProcess.StartAsync(settings, logLevel: null);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = server.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // Full rounds first (two by default), as in steady use: the server's code compiled to its final tier and its pools
        // filled. After one round of a quarter of the clients, a profile of the measured round still found 37% of the
        // server's CPU time in the JIT, and that compiling competed with the waiters for the two cores.
        for (var round = 0; round < warmUps; round++)
        {
            await RoundAsync(http, mode, path, waiters);
        }
        var lags = await WithoutCollectionsAsync(() => RoundAsync(http, mode, path, waiters));
        var sorted = lags.Order().ToArray();
        var p99 = BenchmarkReport.Percentile(sorted, 0.99);
        return (string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {waiters} | {sorted.Length} | {BenchmarkReport.Percentile(sorted, 0.5):0.0} | **{p99:0.0}** | {sorted[^1]:0.0} | ≤ 5 |"), p99);
    }

    /// <summary>
    /// Runs <paramref name="round"/> with this process's garbage collector held off (it allocates 15-25 MB a round). This
    /// process is the measuring instrument: with 1,000 connections open, each of its own collections paused it 5-20 ms
    /// (dotnet-trace), and every answer arriving meanwhile was timed late, a pause of the client counted as the server's.
    /// Starting the region collects once, before the round.
    /// </summary>
    private static async Task<T> WithoutCollectionsAsync<T>(Func<Task<T>> round)
    {
        var held = GC.TryStartNoGCRegion(NoCollectionBudget);
        try
        {
            return await round();
        }
        finally
        {
            if (held && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    /// <summary>Each of <paramref name="waiters"/> clients submits a job and waits on it; the lags of those that finished once all were waiting.</summary>
    private static async Task<List<double>> RoundAsync(HttpClient http, string mode, Func<string, string> path, int waiters)
    {
        // Each client submits its job and waits on it at once; the queue holds most jobs for seconds.
        var ids = new string[waiters];
        var received = new DateTime[waiters];
        var waitingSince = new DateTime[waiters];
        var streams = mode.Contains("events", StringComparison.Ordinal);
        await Task.WhenAll(Enumerable.Range(0, waiters).Select(async i =>
        {
            using (var response = await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" }))
            {
                ids[i] = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
            }

            waitingSince[i] = DateTime.UtcNow;
            await (streams ? FollowAsync(http, path(ids[i]), received, i) : LongPollAsync(http, path(ids[i]), received, i));
        }));
        // Only the jobs that finished once every client was waiting: the lag with all of them held, not while they were still arriving.
        var allWaiting = waitingSince.Max();
        var lags = new List<double>();
        for (var i = 0; i < waiters; i++)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"v1/jobs/{ids[i]}");
            if (job.GetProperty("completed_at").ValueKind == JsonValueKind.String && job.GetProperty("completed_at").GetDateTime().ToUniversalTime() is var completed
                && completed > allWaiting)
            {
                lags.Add((received[i] - completed).TotalMilliseconds);
            }
        }

        return lags;
    }

    private static async Task LongPollAsync(HttpClient http, string path, DateTime[] received, int index)
    {
        while (true)
        {
            using var response = await http.GetAsync(path);
            var job = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            if (job.GetProperty("status").GetString() != "pending")
            {
                received[index] = DateTime.UtcNow;
                return;
            }
        }
    }

    private static async Task FollowAsync(HttpClient http, string path, DateTime[] received, int index)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal) && !line.Contains("\"status\":\"pending\"", StringComparison.Ordinal))
            {
                received[index] = DateTime.UtcNow;
                return;
            }
        }
    }
}
