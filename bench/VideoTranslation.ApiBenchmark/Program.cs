// The job API beside the machine's limit: each of our figures measured in the same run as a bare baseline, with the
// same load generator (wrk, one thread, the same connections) on loopback, and printed as a ratio.
//   reads:        GET /job/{id} and GET /v1/jobs/{id} of `vts serve` against bare Kestrel answering a record of the same shape
//   logging:      reads at the default logging against logging off, and with request logging asked for (--log-requests)
//                 against the default
//   submissions:  POST /translate (SQLite) against raw single-row SQLite transactions with the same durability, and
//                 (PostgreSQL) against raw single-row Npgsql inserts; then kill -9 and count that every answered job is there
//   wake-up lag:  1,000 concurrent long-polls and 1,000 event streams, from the job's completed_at to the client's read
// Writes docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/VideoTranslation.ApiBenchmark -- --seconds 10 --rounds 3 --connections 64 --waiters 1000
// Also: --only reads,logging,submissions,postgres,waiting (a subset); --write FILE; --warm-ups N (wake-up rounds before
// the measured one, 2); --server-env DOTNET_NAME=VALUE, repeatable (a runtime setting for the servers only).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using VideoTranslation.ApiBenchmark;
using VideoTranslation.Benchmarks.Shared;
using VideoTranslation.IntegrationTests.Infrastructure;

if (args is ["--bare", var barePort])
{
    await BareKestrel.RunAsync(int.Parse(barePort, CultureInfo.InvariantCulture));
    return 0;
}

var seconds = BenchmarkOptions.Get(args, "--seconds", 10);
var connections = BenchmarkOptions.Get(args, "--connections", 64);
var waiters = BenchmarkOptions.Get(args, "--waiters", 1000);
var report = BenchmarkOptions.Get(args, "--write", "docs/benchmarks.md");
var only = BenchmarkOptions.Get(args, "--only", "reads,logging,submissions,postgres,waiting").Split(',');
var rounds = BenchmarkOptions.Get(args, "--rounds", 3);
var warmUps = BenchmarkOptions.Get(args, "--warm-ups", 2);
var serverEnvironment = BenchmarkOptions.GetAll(args, "--server-env");
ServerProcess.RuntimeSettings = serverEnvironment.Select(RuntimeSetting).ToDictionary();
var rows = new List<string>();
var durability = new List<string>();
var lagRows = new List<string>();
var failed = false;
const string SeedBody = "{\"source_language\": \"en\", \"target_language\": \"es\"}";

// Jobs stay pending for the run (a simulated job takes an hour), so every read and event stream sees a live job.
var longJobs = new Dictionary<string, string>
{
    ["Simulation:MinSeconds"] = "3600",
    ["Simulation:MaxSeconds"] = "3600",
};

if (only.Contains("reads"))
{
    await using var bare = await BareProcess.StartAsync();
    await using var server = await ServerProcess.StartAsync(longJobs, logLevel: null);
    var seedScript = Wrk.Script("GET", "/job/", await CreateJobsAsync(server.BaseAddress, 1000), null);
    var v1Script = Wrk.Script("GET", "/v1/jobs/", await CreateJobsAsync(server.BaseAddress, 1000), null);
    await CompareAsync("status read, seed (`GET /job/{id}`)", () => Wrk.RunAsync(server.BaseAddress, connections, seconds, seedScript),
        "bare Kestrel, same record", async () => (await Wrk.RunAsync(bare.BaseAddress, connections, seconds, seedScript)).RequestsPerSecond, 0.5);
    await CompareAsync("status read, v1 (`GET /v1/jobs/{id}`)", () => Wrk.RunAsync(server.BaseAddress, connections, seconds, v1Script),
        "bare Kestrel, same record", async () => (await Wrk.RunAsync(bare.BaseAddress, connections, seconds, v1Script)).RequestsPerSecond, 0.5);
}

// Servers that differ in their logging only, each started for this comparison, so that they have the same history:
// reusing the server that had served the reads above compared it, after 80 s of mixed reads, with a fresh one.
if (only.Contains("logging"))
{
    await using var defaults = await ServerProcess.StartAsync(longJobs, logLevel: null);
    var defaultsScript = Wrk.Script("GET", "/job/", await CreateJobsAsync(defaults.BaseAddress, 1000), null);
    await using var silent = await ServerProcess.StartAsync(longJobs, "none");
    var silentScript = Wrk.Script("GET", "/job/", await CreateJobsAsync(silent.BaseAddress, 1000), null);
    // Three times the rounds: the goal is finer (5%) than this VM's drift between two runs of 10 s (up to 10%).
    await CompareAsync("status read, seed, default logging", () => Wrk.RunAsync(defaults.BaseAddress, connections, seconds, defaultsScript),
        "logging off (`--log-level none`)", async () => (await Wrk.RunAsync(silent.BaseAddress, connections, seconds, silentScript)).RequestsPerSecond, 0.95,
        times: 3 * rounds);

    await using var logging = await ServerProcess.StartAsync(longJobs, logLevel: null, "--log-requests");
    var loggedScript = Wrk.Script("GET", "/job/", await CreateJobsAsync(logging.BaseAddress, 1000), null);
    await CompareAsync("status read, seed, `--log-requests` (a line per request)", () => Wrk.RunAsync(logging.BaseAddress, connections, seconds, loggedScript),
        "default logging", async () => (await Wrk.RunAsync(defaults.BaseAddress, connections, seconds, defaultsScript)).RequestsPerSecond, null);
}

if (only.Contains("submissions"))
{
    var data = Directory.CreateTempSubdirectory("vts-api-bench-").FullName;
    var raw = Directory.CreateTempSubdirectory("vts-api-bench-raw-").FullName;
    await SubmissionsAsync("SQLite", ["--data", data], Path.Combine(data, "jobs.db"),
        "raw SQLite single-row transactions", () => RawInserts.SqliteAsync(raw, TimeSpan.FromSeconds(seconds)));
    Directory.Delete(data, recursive: true);
    Directory.Delete(raw, recursive: true);
}

if (only.Contains("postgres"))
{
    var postgres = await PostgresServer.GetAsync();
    var rawDatabase = await postgres.CreateDatabaseAsync();
    var database = await postgres.CreateDatabaseAsync();
    await SubmissionsAsync("PostgreSQL", ["--database", database], database,
        "raw single-row Npgsql inserts", () => RawInserts.PostgresAsync(rawDatabase, connections, TimeSpan.FromSeconds(seconds)));
}

if (only.Contains("waiting"))
{
    foreach (var (mode, path) in new (string, Func<string, string>)[]
             {
                 ("long-poll (`GET /job/{id}?wait=60`)", id => $"job/{id}?wait=60"),
                 ("event stream (`GET /v1/jobs/{id}/events`)", id => $"v1/jobs/{id}/events"),
             })
    {
        var row = await WakeUpLag.MeasureAsync(mode, path, waiters, warmUps);
        Console.WriteLine(row.Row);
        lagRows.Add(row.Row);
        failed |= row.P99Ms > 5;
    }
}

var section = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"### The job API beside bare baselines ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project bench/VideoTranslation.ApiBenchmark -- --seconds {seconds} --rounds {rounds} --connections {connections} --waiters {waiters}{(warmUps != 2 ? $" --warm-ups {warmUps}" : "")}{string.Concat(serverEnvironment.Select(e => $" --server-env {e}"))}`")
    .AppendTable(
        $"wrk (one thread, {connections} connections, {seconds} s a run; the median of {rounds} runs, {3 * rounds} for default logging against logging off, taken in turns with the baseline's, after a warm-up; each logging setting on a server of its own, started for it) on loopback against `vts serve` (defaults: SQLite, no keys on loopback, 8 worker slots) and, in the same run, against the baseline named; reads spread over 1,000 pending jobs:",
        ["ours", "requests/s", "p50 (ms)", "p99 (ms)", "baseline", "baseline/s", "ratio", "goal"],
        rows);
if (durability.Count > 0)
{
    section.AppendLine().AppendLine(string.Join("; ", durability) + ".");
}

if (lagRows.Count > 0)
{
    section.AppendTable(
        $"Wake-up lag: {waiters} clients each submitting a job and waiting on it at once (16 worker slots, simulated jobs of 50-150 ms, so they finish one after another over several seconds); the lag runs from the job's `completed_at` to the client holding the answer, for the jobs that finished once every client was waiting, in a round after {warmUps} warm-up rounds of the same size, with the clients' own process holding off its garbage collections (the instrument's pauses are not the server's):",
        ["waiting by", "clients waiting", "timed (finished once all were waiting)", "lag p50 (ms)", "lag p99 (ms)", "lag max (ms)", "goal p99 (ms)"],
        lagRows);
}

BenchmarkReport.Write(report, "api-benchmark", "## The job API beside bare baselines", section.ToString());
return failed ? 1 : 0;

// Ours and the baseline in turns (baseline first), --rounds times, each after a warm-up of its own the first time
// (tiered JIT, connection pools); the median of each is what counts: these machines are noisy.
async Task CompareAsync(string ours, Func<Task<WrkResult>> measure, string baseline, Func<Task<double>> measureBaseline, double? goal, bool warmUp = true, int? times = null)
{
    var turns = times ?? rounds;
    if (warmUp)
    {
        await measureBaseline();
        await measure();
    }

    var baselines = new List<double>();
    var results = new List<WrkResult>();
    for (var round = 0; round < turns; round++)
    {
        baselines.Add(await measureBaseline());
        results.Add(await measure());
    }

    var result = results.OrderBy(r => r.RequestsPerSecond).ElementAt(turns / 2);
    var baselineRate = baselines.Order().ElementAt(turns / 2);
    var ratio = result.RequestsPerSecond / baselineRate;
    var errors = results.Sum(r => r.NotSuccessful + r.SocketErrors);
    var row = string.Create(CultureInfo.InvariantCulture,
        $"| {ours}{(errors > 0 ? $" ({errors} failed)" : "")} | **{result.RequestsPerSecond:0}** | {result.P50Ms:0.00} | {result.P99Ms:0.00} | {baseline} | {baselineRate:0} | **{ratio:0%}** | {(goal is { } g ? $"≥ {g:0%}" : "")} |");
    Console.WriteLine(row);
    rows.Add(row);
    failed |= errors > 0 || (goal is { } least && ratio < least);
}

// POST /translate against the raw inserts, then kill -9 and count that every answered submission is in the database
// (a path ending in .db is the SQLite file, anything else a PostgreSQL connection string).
async Task SubmissionsAsync(string name, string[] serverArgs, string database, string baseline, Func<Task<double>> measureBaseline)
{
    var server = await ServerProcess.StartAsync(longJobs, logLevel: null, serverArgs);
    var before = await CountJobsAsync(database);
    var answered = 0L;
    var script = Wrk.Script("POST", null, null, SeedBody);
    await CompareAsync($"submission, {name} (`POST /translate`)", async () =>
    {
        var result = await Wrk.RunAsync(new Uri(server.BaseAddress, "translate"), connections, seconds, script);
        answered += result.Requests - result.NotSuccessful;
        return result;
    }, baseline, measureBaseline, 0.5);
    await server.KillAsync();
    await server.DisposeAsync();
    Durable(name, answered, await CountJobsAsync(database) - before);
}

// Every submission answered 2xx must be in the database after kill -9 (more may be: answered as wrk stopped counting).
void Durable(string database, long answered, long stored)
{
    var lost = Math.Max(0, answered - stored);
    durability.Add(string.Create(CultureInfo.InvariantCulture, $"{database}: {answered} submissions answered, {stored} jobs in the database after kill -9, **{lost} lost**"));
    Console.WriteLine(durability[^1]);
    failed |= lost > 0;
}

// `--server-env NAME=VALUE`: a .NET runtime setting for the servers started, never for this process (the instrument).
static KeyValuePair<string, string> RuntimeSetting(string assignment) =>
    assignment.Split('=', 2) is [var name, var value] && ServerProcess.IsRuntimeSetting(name)
        ? new(name, value)
        : throw new ArgumentException($"--server-env takes DOTNET_NAME=VALUE, not '{assignment}'.");

static async Task<List<string>> CreateJobsAsync(Uri server, int count)
{
    using var http = new HttpClient { BaseAddress = server };
    var ids = new string[count];
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
    {
        using var response = await http.PostAsJsonAsync("translate", new { source_language = "en", target_language = "es" }, token);
        ids[i] = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(token)).GetProperty("job_id").GetString()!;
    });
    return [.. ids];
}

static async Task<long> CountJobsAsync(string database)
{
    if (database.EndsWith(".db", StringComparison.Ordinal))
    {
        await using var sqlite = new SqliteConnection($"Data Source={database}");
        await sqlite.OpenAsync();
        await using var count = sqlite.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM jobs;";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    await using var postgres = new NpgsqlConnection(database);
    await postgres.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM jobs;", postgres);
    return (long)(await command.ExecuteScalarAsync())!;
}
