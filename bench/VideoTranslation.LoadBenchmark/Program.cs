// The load test: a `vts serve` process with API keys required, and hundreds of concurrent clients (in a few tenants)
// from this process submitting jobs and reading their status as fast as they can for a bounded time. Reports
// throughput, latency, errors and whether every accepted job finished (none lost). Writes docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/VideoTranslation.LoadBenchmark -- --clients 200 --tenants 20 --seconds 30
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoTranslation.Benchmarks.Shared;

var clients = BenchmarkOptions.Get(args, "--clients", 200);
var seconds = BenchmarkOptions.Get(args, "--seconds", 30);
var tenants = BenchmarkOptions.Get(args, "--tenants", 20);
var readsPerJob = BenchmarkOptions.Get(args, "--reads-per-job", 4);
var report = BenchmarkOptions.Get(args, "--write", "docs/benchmarks.md");

var data = Directory.CreateTempSubdirectory("vts-load-bench-").FullName;
var keys = new List<string>();
for (var i = 0; i < tenants; i++)
{
    keys.Add(await CreateKeyAsync(data, $"tenant-{i}"));
}

var tokens = Enumerable.Range(0, clients).Select(i => keys[i % tenants]).ToList(); // clients share their tenant's key

var settings = new Dictionary<string, string>
{
    ["Auth:Mode"] = "required",
    ["Limits:RequestsPerMinute"] = "1000000", // measure the server, not the limiter
    ["Limits:MaxPendingJobs"] = "1000000",
    ["Workers:Concurrency"] = "256",
    ["Simulation:MinSeconds"] = "0.5",
    ["Simulation:MaxSeconds"] = "1",
    ["Simulation:ErrorRate"] = "0",
};
await using var server = await ServerProcess.StartAsync(settings, "--data", data);
var submitted = new ConcurrentBag<(string Token, string Id)>();
var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var statuses = new ConcurrentDictionary<string, int>();
var exceptions = 0;
var cpuBefore = server.CpuTime;
var clock = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

await Task.WhenAll(tokens.Select(async token =>
{
    while (!stop.IsCancellationRequested)
    {
        var id = await TimedAsync("submit", () => Send(HttpMethod.Post, "translate", token, new { source_language = "en", target_language = "es" }), async response =>
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString());
        if (id is null)
        {
            continue;
        }

        submitted.Add((token, id));
        for (var read = 0; read < readsPerJob && !stop.IsCancellationRequested; read++)
        {
            await TimedAsync<string?>("status read", () => Send(HttpMethod.Get, $"job/{id}", token), _ => Task.FromResult<string?>(null));
        }
    }
}));
var elapsed = clock.Elapsed;
var cpu = server.CpuTime - cpuBefore;
var memory = server.ResidentBytes;

// Every accepted job must finish: wait for each with a long-poll under its own tenant's key.
var lost = 0;
var finishing = Stopwatch.StartNew();
await Parallel.ForEachAsync(submitted, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (job, token) =>
{
    for (var attempt = 0; ; attempt++)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, $"job/{job.Id}?wait=30", job.Token), token);
        var status = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("status").GetString() : null;
        if (status is "completed" or "error")
        {
            return;
        }

        if (status is null || attempt == 20)
        {
            Interlocked.Increment(ref lost);
            return;
        }
    }
});

var rows = latencies.OrderByDescending(pair => pair.Key).Select(pair =>
{
    var sorted = pair.Value.Order().ToArray();
    return string.Create(CultureInfo.InvariantCulture,
        $"| {pair.Key} | {sorted.Length} | **{sorted.Length / elapsed.TotalSeconds:0}** | {BenchmarkReport.Percentile(sorted, 0.5):0.0} | {BenchmarkReport.Percentile(sorted, 0.99):0.0} | {sorted[^1]:0.0} |");
}).ToList();
var serverErrors = statuses.Where(pair => int.Parse(pair.Key.Split(' ')[1], CultureInfo.InvariantCulture) >= 500).Sum(pair => pair.Value);
var summary = string.Create(CultureInfo.InvariantCulture,
    $"| {clients} | {elapsed.TotalSeconds:0.0} | {submitted.Count} | {serverErrors} | {exceptions} | {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))} | **{lost}** | {finishing.Elapsed.TotalSeconds:0.0} | {cpu.TotalSeconds / elapsed.TotalSeconds:0.00} | {memory / 1048576.0:0} MiB |");
rows.ForEach(Console.WriteLine);
Console.WriteLine(summary);

var section = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"### Load ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/VideoTranslation.LoadBenchmark -- --clients {clients} --tenants {tenants} --seconds {seconds} --reads-per-job {readsPerJob}`")
    .AppendTable(
        $"`vts serve` (SQLite, API keys required, 256 worker slots, simulated jobs of 0.5-1 s) under {clients} concurrent clients in {tenants} tenants (a key each), each client submitting a job and reading its status {readsPerJob} times, over and over, for {seconds} s; the clients run on the same 2 cores:",
        ["operation", "requests", "per second", "p50 (ms)", "p99 (ms)", "max (ms)"],
        rows)
    .AppendTable(
        "Outcome: server errors (5xx), client-side failures (connection errors, timeouts), every status code seen, jobs accepted but never finished (lost), the time to drain the queue after the load, the server's CPU (cores busy on average) and resident memory at the end:",
        ["clients", "seconds", "jobs accepted", "5xx", "client failures", "statuses", "lost jobs", "drain (s)", "server CPU (cores)", "server memory"],
        [summary]);
BenchmarkReport.Write(report, "load-benchmark", "## Load", section.ToString());
Directory.Delete(data, recursive: true);
return lost == 0 && serverErrors == 0 ? 0 : 1;

async Task<T?> TimedAsync<T>(string operation, Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<T?>> read)
{
    var started = Stopwatch.GetTimestamp();
    try
    {
        using var response = await send();
        latencies.GetOrAdd(operation, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        statuses.AddOrUpdate($"{operation.Split(' ')[0]} {(int)response.StatusCode}", 1, (_, count) => count + 1);
        return response.StatusCode == HttpStatusCode.OK ? await read(response) : default;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        Interlocked.Increment(ref exceptions);
        return default;
    }
}

Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null) => http.SendAsync(Request(method, path, token, body));

static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null) => new(method, path)
{
    Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    Content = body is null ? null : JsonContent.Create(body),
};

static async Task<string> CreateKeyAsync(string data, string tenant)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vts.dll"), "keys", "create", "--data", data, "--tenant", tenant })
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var token = (await process.StandardOutput.ReadToEndAsync()).Trim();
    await process.WaitForExitAsync();
    return process.ExitCode == 0 ? token : throw new InvalidOperationException($"vts keys create failed: {await process.StandardError.ReadToEndAsync()}");
}
