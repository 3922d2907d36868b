// The waiting benchmark: how fast and how cheaply each way of waiting learns that a job finished. Against a real
// `vts serve` process (simulated engine), it runs a few hundred jobs per duration distribution once per strategy
// and reports the detection lag (server's completed_at to the client returning), requests per job beyond the start,
// and the server's CPU time. Then it holds thousands of concurrent long-polls and event streams and reports the
// server's memory and idle CPU. Writes the tables into docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/VideoTranslation.WaitingBenchmark -- --jobs 200 --connections 10000
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoTranslation.Benchmarks.Shared;
using VideoTranslation.Client;
using VideoTranslation.WaitingBenchmark;

var jobs = Option("--jobs", 200);
var connections = Option("--connections", 10_000);
var report = Option("--write", "docs/benchmarks.md");
const double TimeScale = 0.2;

(string Name, Dictionary<string, string> Settings)[] distributions =
[
    ("fixed 2 s", Simulation(10, 10, "Uniform")),
    ("uniform 1-3 s", Simulation(5, 15, "Uniform")),
    ("heavy-tailed 0.4-12 s", Simulation(2, 60, "HeavyTailed")),
];

// Hand-written pollers start their jobs with the client library too (one POST either way); each client mode starts
// its own, so it knows what the server offers from the start response, as in real use.
(string Name, WaitMode Mode, Func<Waiter, string, Task> Wait)[] strategies =
[
    ("fixed 1 s polling", WaitMode.Auto, (w, id) => PollAsync(w.Http, id, _ => TimeSpan.FromSeconds(1))),
    ("seed progressive 0.5-3 s", WaitMode.Auto, (w, id) => PollAsync(w.Http, id, n => TimeSpan.FromSeconds(Math.Min(3, 0.5 * Math.Pow(1.5, n))))),
    ("client: server-sent events", WaitMode.ServerSentEvents, (w, id) => w.Client(WaitMode.ServerSentEvents).WaitForCompletionAsync(id)),
    ("client: long-poll", WaitMode.LongPoll, (w, id) => w.Client(WaitMode.LongPoll).WaitForCompletionAsync(id)),
    ("client: hinted polling", WaitMode.HintedPolling, (w, id) => w.Client(WaitMode.HintedPolling).WaitForCompletionAsync(id)),
    ("client: jittered backoff, no hints", WaitMode.Polling, (w, id) => w.Client(WaitMode.Polling).WaitForCompletionAsync(id)),
];

var lagRows = new List<string>();
foreach (var (distribution, settings) in distributions)
{
    await using var server = await ServerProcess.StartAsync(settings);
    foreach (var (strategy, mode, wait) in strategies)
    {
        var row = await RunStrategyAsync(server, distribution, strategy, mode, wait);
        Console.WriteLine(row);
        lagRows.Add(row);
    }
}

var holdRows = await HoldConnectionsAsync(connections);
WriteReport();
return;

async Task<string> RunStrategyAsync(ServerProcess server, string distribution, string strategy, WaitMode mode, Func<Waiter, string, Task> wait)
{
    using var waiter = new Waiter(server.BaseAddress);
    using var plain = new HttpClient { BaseAddress = server.BaseAddress };
    var starter = waiter.Client(mode);
    var cpuBefore = server.CpuTime;
    var lags = new double[jobs];
    var startRequests = 0L;
    await Task.WhenAll(Enumerable.Range(0, jobs).Select(async i =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(2000.0 * i / jobs)); // arrivals spread over two seconds
        var id = (await starter.StartTranslationAsync("en", "es")).JobId;
        Interlocked.Increment(ref startRequests);
        await wait(waiter, id);
        var returned = DateTime.UtcNow;
        var job = await plain.GetFromJsonAsync<JsonElement>($"v1/jobs/{id}");
        lags[i] = (returned - job.GetProperty("completed_at").GetDateTime().ToUniversalTime()).TotalMilliseconds;
    }));
    var cpu = server.CpuTime - cpuBefore;
    Array.Sort(lags);
    var requestsPerJob = (double)(waiter.Requests - startRequests) / jobs;
    return string.Create(CultureInfo.InvariantCulture,
        $"| {distribution} | {strategy} | {BenchmarkReport.Percentile(lags, 0.5):0} | {BenchmarkReport.Percentile(lags, 0.99):0} | {lags[^1]:0} | {requestsPerJob:0.00} | {cpu.TotalSeconds:0.00} |");
}

async Task<List<string>> HoldConnectionsAsync(int count)
{
    var rows = new List<string>();
    foreach (var (mode, path) in new (string, Func<string, string>)[]
             {
                 ("long-poll (GET /job/{id}?wait=600)", id => $"job/{id}?wait=600"),
                 ("server-sent events (GET /v1/jobs/{id}/events)", id => $"v1/jobs/{id}/events"),
             })
    {
        // A fresh server per mode, so one mode's garbage does not count against the other.
        var settings = Simulation(3600, 3600, "Uniform");
        settings["Workers:Concurrency"] = "4";
        settings["Api:MaxWaitSeconds"] = "600";
        await using var server = await ServerProcess.StartAsync(settings);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = server.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

        Console.WriteLine($"Creating {count} jobs to wait on...");
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var response = await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" }, token);
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("job_id").GetString()!;
        });

        await Task.Delay(TimeSpan.FromSeconds(2));
        var filesBefore = server.OpenFiles;
        var memoryBefore = server.ResidentBytes;
        using var stop = new CancellationTokenSource();
        var held = ids.Select(id => http.GetAsync(path(id), HttpCompletionOption.ResponseHeadersRead, stop.Token)).ToList();

        // Wait until the server holds them all (a socket each), then watch it sit with them for ten seconds.
        var opened = Stopwatch.StartNew();
        while (server.OpenFiles - filesBefore < count && opened.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(200);
        }

        var holding = server.OpenFiles - filesBefore;
        var answeredEarly = mode.StartsWith("long", StringComparison.Ordinal) ? held.Count(t => t.IsCompleted) : 0;
        var cpuBefore = server.CpuTime;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idleCpu = server.CpuTime - cpuBefore;
        var memoryHolding = server.ResidentBytes;
        await stop.CancelAsync();
        foreach (var task in held)
        {
            try
            {
                (await task).Dispose();
            }
            catch (OperationCanceledException)
            {
            }
        }

        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {holding} | {answeredEarly} | {memoryBefore / 1048576.0:0} MiB | {memoryHolding / 1048576.0:0} MiB | {(memoryHolding - memoryBefore) / (double)Math.Max(1, holding) / 1024:0.0} KiB | {idleCpu.TotalSeconds:0.00} s |");
        Console.WriteLine(row);
        rows.Add(row);
    }

    return rows;
}

void WriteReport()
{
    var section = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"### Waiting for jobs ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {jobs} jobs per row)")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/VideoTranslation.WaitingBenchmark -- --jobs {jobs} --connections {connections}`")
        .AppendTable(
            "Detection lag, requests and server CPU per way of waiting:",
            ["durations", "strategy", "lag p50 (ms)", "lag p99 (ms)", "lag max (ms)", "requests per job", "server CPU (s)"],
            lagRows)
        .AppendTable(
            $"Holding {connections} waiting requests at once (jobs that never finish during the measurement):",
            ["mode", "held", "answered early", "server memory before", "while holding", "per connection", "server CPU over 10 s idle"],
            holdRows);
    BenchmarkReport.Write(report, "waiting-benchmark", "## Waiting", section.ToString());
}

static async Task PollAsync(HttpClient http, string id, Func<int, TimeSpan> delay)
{
    for (var n = 0; ; n++)
    {
        var job = await http.GetFromJsonAsync<JsonElement>($"job/{id}");
        if (job.GetProperty("status").GetString() != "pending")
        {
            return;
        }

        await Task.Delay(delay(n));
    }
}

Dictionary<string, string> Simulation(double min, double max, string distribution) => new()
{
    ["Simulation:MinSeconds"] = min.ToString(CultureInfo.InvariantCulture),
    ["Simulation:MaxSeconds"] = max.ToString(CultureInfo.InvariantCulture),
    ["Simulation:Distribution"] = distribution,
    ["Simulation:TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
    ["Simulation:ErrorRate"] = "0",
    ["Workers:Concurrency"] = "256",
};

T Option<T>(string name, T fallback) => BenchmarkOptions.Get(args, name, fallback);
