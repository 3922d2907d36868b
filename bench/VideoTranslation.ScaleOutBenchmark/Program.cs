// The scale-out benchmark: what one API node sustains on SQLite and on PostgreSQL (job submissions and status reads
// per second, with latency), how simulated-job throughput grows with 1, 2 and 4 worker processes on one PostgreSQL
// database, and how long a job waits after its worker is killed before another worker resumes it. Every node is a
// real `vts` process; PostgreSQL is a real server started for the run. Writes the tables into docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/VideoTranslation.ScaleOutBenchmark -- --submissions 4000 --reads 20000 --jobs 480
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VideoTranslation.Benchmarks.Shared;
using VideoTranslation.IntegrationTests.Infrastructure;

var submissions = Option("--submissions", 4000);
var reads = Option("--reads", 20_000);
var jobs = Option("--jobs", 480);
var concurrency = Option("--concurrency", 32);
var report = Option("--write", "docs/benchmarks.md");
var postgres = await PostgresServer.GetAsync();
var noWork = new Dictionary<string, string>();

var apiRows = new List<string>();
foreach (var (name, nodeArgs) in new (string, Func<Task<string[]>>)[]
         {
             ("SQLite", () => Task.FromResult(Array.Empty<string>())),
             ("PostgreSQL", async () => ["--database", await postgres.CreateDatabaseAsync()]),
         })
{
    await using var api = await ServerProcess.StartAsync(noWork, [.. await nodeArgs(), "--no-workers"]);
    var (submitted, submitRow) = await SubmitAsync(api.BaseAddress, name);
    apiRows.Add(submitRow);
    apiRows.Add(await ReadAsync(api.BaseAddress, name, submitted));
}

var scalingRows = new List<string>();
foreach (var workers in new[] { 1, 2, 4 })
{
    scalingRows.Add(await ThroughputAsync(workers));
}

var takeoverRows = new List<string>();
foreach (var lease in new[] { 2.0, 5.0 })
{
    takeoverRows.Add(await TakeoverAsync(lease, trials: 3));
}

WriteReport();
return;

// POST /translate from `concurrency` loops at once; returns the job ids.
async Task<(List<string> Ids, string Row)> SubmitAsync(Uri server, string database)
{
    using var http = Http(server);
    var ids = new List<string>(submissions);
    var latencies = await RunLoadAsync(submissions, async _ =>
    {
        using var response = await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!;
        lock (ids)
        {
            ids.Add(id);
        }
    });
    return (ids, Row(database, "submit (POST /translate)", latencies));
}

async Task<string> ReadAsync(Uri server, string database, List<string> ids)
{
    using var http = Http(server);
    var latencies = await RunLoadAsync(reads, async i =>
    {
        using var response = await http.GetAsync($"job/{ids[i % ids.Count]}");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    });
    return Row(database, "status read (GET /job/{id})", latencies);
}

// Runs `count` operations from `concurrency` loops; returns each one's latency and the wall time of the whole.
async Task<(double[] Milliseconds, TimeSpan Wall)> RunLoadAsync(int count, Func<int, Task> operation)
{
    var next = -1;
    var latencies = new double[count];
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    Array.Sort(latencies);
    return (latencies, wall.Elapsed);
}

// `jobs` simulated jobs of 0.25 s each, submitted at once to an API node; `workers` worker processes with 4 slots each.
async Task<string> ThroughputAsync(int workers)
{
    var database = await postgres.CreateDatabaseAsync();
    var data = Directory.CreateTempSubdirectory("vts-scale-bench-").FullName;
    string[] shared = ["--database", database, "--data", data];
    var engine = new Dictionary<string, string> { ["Simulation:MinSeconds"] = "0.25", ["Simulation:MaxSeconds"] = "0.25", ["Simulation:ErrorRate"] = "0" };
    await using var api = await ServerProcess.StartAsync(noWork, [.. shared, "--no-workers"]);
    var nodes = Enumerable.Range(0, workers).Select(_ => ServerProcess.StartWorker(engine, [.. shared, "--workers", "4"])).ToList();
    try
    {
        using var http = Http(api.BaseAddress);
        await WaitUntilAsync(async () => (await Workers(http)).Count(w => w.GetProperty("alive").GetBoolean()) == workers);
        var cpuBefore = nodes.Sum(node => node.CpuTime.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, jobs).Select(async _ =>
            (await (await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("job_id").GetString()!));
        foreach (var id in ids)
        {
            // A long-poll per job: it answers the moment the job is done, wherever it ran.
            while ((await http.GetFromJsonAsync<JsonElement>($"job/{id}?wait=60")).GetProperty("status").GetString() == "pending")
            {
            }
        }

        var elapsed = clock.Elapsed;
        var perWorkerCpu = (nodes.Sum(node => node.CpuTime.TotalSeconds) - cpuBefore) / workers;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {workers} | {workers * 4} | {jobs} | {elapsed.TotalSeconds:0.00} | **{jobs / elapsed.TotalSeconds:0.0}** | {workers * 4 / 0.25:0} | {perWorkerCpu:0.00} |");
        Console.WriteLine(row);
        return row;
    }
    finally
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(data, recursive: true);
    }
}

// A worker takes a 60 s job and is SIGKILLed; a second, idle worker takes the job over when its lease runs out.
async Task<string> TakeoverAsync(double leaseSeconds, int trials)
{
    var database = await postgres.CreateDatabaseAsync();
    var data = Directory.CreateTempSubdirectory("vts-scale-bench-").FullName;
    string[] shared = ["--database", database, "--data", data, "--lease-seconds", leaseSeconds.ToString(CultureInfo.InvariantCulture)];
    var slow = new Dictionary<string, string> { ["Simulation:MinSeconds"] = "60", ["Simulation:MaxSeconds"] = "60", ["Simulation:ErrorRate"] = "0" };
    await using var api = await ServerProcess.StartAsync(noWork, [.. shared, "--no-workers"]);
    using var http = Http(api.BaseAddress);
    var takeovers = new List<double>();
    try
    {
        for (var trial = 0; trial < trials; trial++)
        {
            await using var doomed = ServerProcess.StartWorker(slow, [.. shared, "--workers", "1"]);
            var id = (await (await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("job_id").GetString()!;
            await WaitUntilAsync(async () => (await http.GetFromJsonAsync<JsonElement>($"v1/jobs/{id}")).GetProperty("attempts").GetInt32() == 1);
            await using var survivor = ServerProcess.StartWorker(slow, [.. shared, "--workers", "1"]);
            await WaitUntilAsync(async () => (await Workers(http)).Count(w => w.GetProperty("alive").GetBoolean()) == 2);
            // Kill at a random point of the heartbeat cycle, as a crash would.
            await Task.Delay(TimeSpan.FromSeconds(Random.Shared.NextDouble() * leaseSeconds));

            var seen = (await http.GetAsync($"v1/jobs/{id}")).Headers.ETag!;
            await doomed.KillAsync();
            var killed = Stopwatch.StartNew();
            await WaitUntilAsync(async () =>
            {
                // A long-poll for any change from the copy we have (the claim bumps the job's version), not only of status.
                using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{id}?wait=30") { Headers = { IfNoneMatch = { seen } } };
                using var response = await http.SendAsync(request);
                if (response.StatusCode == System.Net.HttpStatusCode.NotModified)
                {
                    return false;
                }

                seen = response.Headers.ETag!;
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attempts").GetInt32() == 2;
            });
            takeovers.Add(killed.Elapsed.TotalSeconds);
            await http.PostAsync($"v1/jobs/{id}/cancel", null);
        }
    }
    finally
    {
        Directory.Delete(data, recursive: true);
    }

    var row = string.Create(CultureInfo.InvariantCulture,
        $"| {leaseSeconds:0.#} s | {trials} | {string.Join(", ", takeovers.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} | {takeovers.Average():0.00} | {takeovers.Max():0.00} |");
    Console.WriteLine(row);
    return row;
}

static async Task<List<JsonElement>> Workers(HttpClient http) =>
    [.. (await http.GetFromJsonAsync<JsonElement>("v1/admin/workers")).GetProperty("workers").EnumerateArray()];

static async Task WaitUntilAsync(Func<Task<bool>> condition)
{
    var deadline = Stopwatch.StartNew();
    while (!await condition())
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(2))
        {
            throw new TimeoutException("The benchmark's setup did not come about within 2 minutes.");
        }

        await Task.Delay(20);
    }
}

static HttpClient Http(Uri server) => new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };

string Row(string database, string operation, (double[] Milliseconds, TimeSpan Wall) load) => string.Create(CultureInfo.InvariantCulture,
    $"| {database} | {operation} | {load.Milliseconds.Length} | **{load.Milliseconds.Length / load.Wall.TotalSeconds:0}** | {BenchmarkReport.Percentile(load.Milliseconds, 0.5):0.0} | {BenchmarkReport.Percentile(load.Milliseconds, 0.99):0.0} |");

void WriteReport()
{
    var section = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"### Scale-out ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/VideoTranslation.ScaleOutBenchmark -- --submissions {submissions} --reads {reads} --jobs {jobs} --concurrency {concurrency}`")
        .AppendTable(
            $"One API node (`vts serve --no-workers`), {concurrency} requests in flight:",
            ["database", "operation", "requests", "per second", "p50 (ms)", "p99 (ms)"],
            apiRows)
        .AppendTable(
            "Simulated jobs of 0.25 s through one API node and N `vts worker` processes of 4 slots each, on PostgreSQL:",
            ["worker processes", "slots", "jobs", "seconds", "jobs per second", "ceiling (slots / 0.25 s)", "CPU per worker (s)"],
            scalingRows)
        .AppendTable(
            "A worker SIGKILLed mid-job (at a random point of its heartbeat cycle); seconds until an idle worker has taken the job over:",
            ["lease", "trials", "takeover (s)", "mean (s)", "max (s)"],
            takeoverRows);
    BenchmarkReport.Write(report, "scale-out-benchmark", "## Scale-out", section.ToString());
}

T Option<T>(string name, T fallback) => BenchmarkOptions.Get(args, name, fallback);
