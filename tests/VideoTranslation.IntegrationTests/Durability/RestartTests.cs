using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Durability;

/// <summary>Jobs survive the server going away, gracefully or by SIGKILL: none lost, none stuck in pending.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Jobs_pending_at_a_graceful_shutdown_finish_after_restart()
    {
        using var data = new TempDirectory();
        var settings = TestServer.Settings(minSeconds: 1, maxSeconds: 2, workers: 4);
        string[] jobIds;

        await using (var first = await TestServer.StartAsync(settings, data.Path))
        {
            using var client = first.CreateClient();
            jobIds = await StartJobsAsync(client, 10);
            await Task.Delay(300); // let the workers take some of them
        }

        // The restarted server must see every job and finish each one.
        settings["Simulation:MinSeconds"] = "0.05";
        settings["Simulation:MaxSeconds"] = "0.1";
        await using var second = await TestServer.StartAsync(settings, data.Path);
        using var resumed = second.CreateClient();
        await AssertAllCompleteAsync(resumed, jobIds);
    }

    [Fact]
    public async Task Jobs_pending_when_vts_serve_is_killed_finish_after_restart()
    {
        using var data = new TempDirectory();
        string[] options = ["--data", data.Path, "--workers", "4", "--lease-seconds", "1", "--sim-error-rate", "0"];
        string[] jobIds;

        // Jobs far longer than the test waits: whatever the first process started, it cannot finish.
        var (first, firstAddress) = await VtsProcess.ServeAsync([.. options, "--sim-min-seconds", "30", "--sim-max-seconds", "30"]);
        await using (first)
        {
            using var client = new VideoTranslationClient(firstAddress, TestServer.FastPolling());
            jobIds = await StartJobsAsync(client, 12);
            await first.WaitForOutputAsync("Job started", TimeSpan.FromSeconds(60)); // a worker holds a lease now

            await first.KillAsync();
        }

        var (second, secondAddress) = await VtsProcess.ServeAsync([.. options, "--sim-min-seconds", "0.05", "--sim-max-seconds", "0.1"]);
        await using (second)
        {
            using var client = new VideoTranslationClient(secondAddress, TestServer.FastPolling(timeoutSeconds: 90));
            await AssertAllCompleteAsync(client, jobIds);

            // The jobs killed mid-run were taken over once their one-second lease ran out.
            Assert.Contains("attempt 2", second.Output, StringComparison.Ordinal);
        }
    }

    private static async Task<string[]> StartJobsAsync(VideoTranslationClient client, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i => (await client.StartTranslationAsync("en", i % 2 == 0 ? "es" : "fr")).JobId));

    private static async Task AssertAllCompleteAsync(VideoTranslationClient client, string[] jobIds)
    {
        var jobs = await Task.WhenAll(jobIds.Select(id => client.WaitForCompletionAsync(id)));
        Assert.All(jobs, job => Assert.Equal(TranslationJobStatus.Completed, job.Status));
        Assert.Equal(jobIds.Order(), jobs.Select(job => job.JobId).Order());
    }
}
