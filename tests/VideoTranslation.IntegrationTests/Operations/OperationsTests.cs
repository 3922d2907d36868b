using System.Net;
using System.Text.RegularExpressions;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Operations;

/// <summary>What operators read: liveness, readiness, and Prometheus metrics, from the real server.</summary>
public sealed partial class OperationsTests
{
    [Fact]
    public async Task Metrics_count_jobs_by_state_and_time_the_stages_they_ran()
    {
        // A server process of its own: metrics listeners are process-wide, and other tests run servers in this one.
        using var data = new TempDirectory();
        var (server, url) = await VtsProcess.ServeAsync("--data", data.Path, "--sim-min-seconds", "0.05", "--sim-max-seconds", "0.1", "--sim-error-rate", "0");
        await using var _ = server;
        using var client = new VideoTranslation.Client.VideoTranslationClient(url, TestServer.FastPolling());
        for (var i = 0; i < 3; i++)
        {
            await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync();
        }

        using var http = new HttpClient { BaseAddress = url };
        var metrics = await http.GetStringAsync("/metrics");

        Assert.Equal(3, double.Parse(JobsCompleted().Match(metrics).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"vts_stage_duration_seconds_count\{[^}]*stage=""running""[^}]*\} 3", metrics);
        Assert.Contains("vts_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("vts_lease_expiries", metrics, StringComparison.Ordinal);
        Assert.Contains("vts_waiters", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alive_and_ready_answer_200_when_the_database_and_data_directory_work()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_operator_view_shows_each_worker_with_its_jobs_and_each_queue_with_its_load()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60, workers: 1);
        using var client = server.CreateClient();
        var held = (await client.StartTranslationAsync("en", "es")).JobId;
        await client.StartTranslationAsync("en", "fr");

        var worker = await Eventually.ValueAsync(async () => (await client.GetWorkersAsync()) is [{ Jobs.Count: 1 } only] ? only : null, "The worker holding a job");
        var queues = await client.GetQueuesAsync();

        Assert.True(worker.Alive);
        Assert.Equal(Environment.ProcessId, worker.ProcessId);
        Assert.Equal(["recognition", "simulated", "synthesis", "translation"], worker.Queues);
        Assert.Equal(held, Assert.Single(worker.Jobs).Id);
        Assert.True(worker.Jobs[0].LeaseExpiresAt > DateTimeOffset.UtcNow);
        var simulated = Assert.Single(queues, queue => queue.Name == "simulated");
        Assert.Equal((1, 0, 1, 1), (simulated.Due, simulated.Delayed, simulated.Running, simulated.Workers));
        Assert.NotNull(simulated.OldestDueSeconds);
        Assert.All(queues.Where(queue => queue.Name != "simulated"), queue => Assert.Equal((0, 0), (queue.Due, queue.Running)));

        await server.StopAsync(); // a graceful stop takes the worker out of the view
        await using var next = await TestServer.StartAsync(TestServer.Settings(), server.DataDirectory);
        using var nextClient = next.CreateClient();
        Assert.DoesNotContain(await nextClient.GetWorkersAsync(), listed => listed.Id == worker.Id);
    }

    [GeneratedRegex(@"vts_jobs\{[^}]*state=""completed""[^}]*\} (\d+)")]
    private static partial Regex JobsCompleted();
}
