using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.IntegrationTests.ScaleOut;

/// <summary>Several nodes on one real PostgreSQL database: API nodes and workers as separate processes, and in-process nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Two_api_nodes_and_two_workers_run_every_job_once_and_waiters_on_the_other_node_wake()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var data = new TempDirectory();
        string[] shared = ["--database", database, "--data", data.Path];
        // Four slots each and jobs of at least half a second: one worker alone would need five seconds for the forty
        // jobs, so the other has long claimed some even when a loaded machine starts it late.
        string[] workerOptions = [.. shared, "--workers", "4", "--sim-min-seconds", "0.5", "--sim-max-seconds", "1", "--sim-error-rate", "0"];
        var (apiA, urlA) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var a = apiA;
        var (apiB, urlB) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var b = apiB;
        await using var worker1 = VtsProcess.Worker(workerOptions);
        await using var worker2 = VtsProcess.Worker(workerOptions);
        await Task.WhenAll(worker1.WaitForOutputAsync("worker slots", TimeSpan.FromSeconds(60)), worker2.WaitForOutputAsync("worker slots", TimeSpan.FromSeconds(60)));

        using var submitter = new VideoTranslationClient(urlA, TestServer.FastPolling());
        var counter = new CountingHandler();
        using var waiter = new VideoTranslationClient(new HttpClient(counter) { BaseAddress = urlB, Timeout = Timeout.InfiniteTimeSpan }, TestServer.FastPolling(timeoutSeconds: 120));
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => (await submitter.StartTranslationAsync("en", "es")).JobId));

        var jobs = await Task.WhenAll(ids.Select(id => waiter.WaitForCompletionAsync(id)));

        Assert.All(jobs, job => Assert.Equal(TranslationJobStatus.Completed, job.Status));
        // Node B learned of each end from the database's notifications: a held request or a stream per job, no polling.
        Assert.InRange(counter.Requests.Count, ids.Length, 2 * ids.Length);
        using var http = new HttpClient { BaseAddress = urlB };
        foreach (var id in ids)
        {
            Assert.Equal(1, (await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{id}")).GetProperty("attempts").GetInt32());
        }

        Assert.Contains("Job started", worker1.Output, StringComparison.Ordinal);
        Assert.Contains("Job started", worker2.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_killed_mid_job_has_its_job_finished_by_another()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var data = new TempDirectory();
        // Leases of 3 s: the takeover comes quickly, and a survivor stalled by a busy machine (its lease renewed every
        // second) does not lose the job in turn, which with 1 s leases happened under load and made a third attempt.
        string[] shared = ["--database", database, "--data", data.Path, "--lease-seconds", "3", "--sim-error-rate", "0"];
        var (api, url) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var _ = api;
        using var client = new VideoTranslationClient(url, TestServer.FastPolling(timeoutSeconds: 90));

        await using (var doomed = VtsProcess.Worker([.. shared, "--sim-min-seconds", "60", "--sim-max-seconds", "60"]))
        {
            var operation = await client.StartTranslationAsync("en", "fr");
            await doomed.WaitForOutputAsync("Job started", TimeSpan.FromSeconds(60));
            await doomed.KillAsync();

            await using var survivor = VtsProcess.Worker([.. shared, "--sim-min-seconds", "0.05", "--sim-max-seconds", "0.1"]);
            var job = await operation.WaitForCompletionAsync();

            Assert.Equal(TranslationJobStatus.Completed, job.Status);
            using var http = new HttpClient { BaseAddress = url };
            Assert.Equal(2, (await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job.JobId}")).GetProperty("attempts").GetInt32());
            await survivor.WaitForOutputAsync("attempt 2", TimeSpan.FromSeconds(10)); // the survivor took it over
        }
    }

    [Fact]
    public async Task Five_hundred_jobs_submitted_across_nodes_each_run_exactly_once()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var runs = new ConcurrentDictionary<string, int>();
        var nodes = new ConcurrentDictionary<string, int>();
        var settings = TestServer.Settings(workers: 16);
        settings["Storage:Database"] = database;
        await using var nodeA = await TestServer.StartAsync(settings, configure: builder => builder.Services.AddSingleton<ITranslationEngine>(new CountingEngine(runs, nodes, "A")));
        await using var nodeB = await TestServer.StartAsync(settings, configure: builder => builder.Services.AddSingleton<ITranslationEngine>(new CountingEngine(runs, nodes, "B")));
        using var clientA = nodeA.CreateClient();
        using var clientB = nodeB.CreateClient();

        var operations = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => (i % 2 == 0 ? clientA : clientB).StartTranslationAsync("en", "es")));
        var jobs = await Task.WhenAll(operations.Select((operation, i) => (i % 2 == 0 ? clientB : clientA).WaitForCompletionAsync(operation.JobId)));

        Assert.All(jobs, job => Assert.Equal(TranslationJobStatus.Completed, job.Status));
        Assert.Equal(500, runs.Count);
        Assert.All(runs, run => Assert.Equal(1, run.Value));
        Assert.Equal(["A", "B"], nodes.Keys.Order()); // both nodes' workers took jobs
    }

    [Fact]
    public async Task Every_job_finishes_when_the_database_restarts_mid_run()
    {
        var postgres = await PostgresServer.GetAsync();
        var settings = TestServer.Settings(minSeconds: 0.5, maxSeconds: 1.5, workers: 8);
        settings["Storage:Database"] = await postgres.CreateDatabaseAsync();
        await using var server = await TestServer.StartAsync(settings);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 120));
        var operations = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.StartTranslationAsync("en", "es")));
        var waits = operations.Select(operation => operation.WaitForCompletionAsync()).ToList();
        await Task.Delay(300);

        await postgres.RestartAsync(); // every connection is cut mid-run

        var jobs = await Task.WhenAll(waits);
        Assert.All(jobs, job => Assert.Equal(TranslationJobStatus.Completed, job.Status));
        using var http = server.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_worker_listening_for_operations_serves_its_metrics_and_health_and_no_api()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var data = new TempDirectory();
        string[] shared = ["--database", database, "--data", data.Path];
        var (api, url) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var _ = api;
        var metricsUrl = new Uri($"http://127.0.0.1:{FreePort.Number()}/");
        await using var worker = VtsProcess.Worker(
            [.. shared, "--metrics-urls", metricsUrl.ToString(), "--sim-min-seconds", "0.05", "--sim-max-seconds", "0.1", "--sim-error-rate", "0"]);
        using var client = new VideoTranslationClient(url, TestServer.FastPolling());
        for (var i = 0; i < 3; i++)
        {
            await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync();
        }

        using var http = new HttpClient { BaseAddress = metricsUrl };
        Assert.Matches(@"vts_stage_duration_seconds_count\{[^}]*stage=""running""[^}]*\} 3", await http.GetStringAsync("/metrics"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es" })).StatusCode);
    }

    /// <summary>Counts how often each job runs, across nodes, and which nodes ran jobs.</summary>
    private sealed class CountingEngine(ConcurrentDictionary<string, int> runs, ConcurrentDictionary<string, int> nodes, string node) : ITranslationEngine
    {
        public async Task<JobOutcome> TranslateAsync(Domain.TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
        {
            runs.AddOrUpdate(job.Id.Value, 1, (_, count) => count + 1);
            nodes.AddOrUpdate(node, 1, (_, count) => count + 1);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 30)), cancellationToken);
            return JobOutcome.Completed.Instance;
        }
    }
}

/// <summary>Tests on the shared PostgreSQL server run one class at a time (one of them restarts it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection
{
    public const string Name = "PostgreSQL";
}
