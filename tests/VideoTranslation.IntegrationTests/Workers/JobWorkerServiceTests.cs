using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.IntegrationTests.Workers;

/// <summary>The hosted worker service in the real server, with an engine that misbehaves on cue.</summary>
public sealed class JobWorkerServiceTests
{
    [Fact]
    public async Task A_transient_engine_error_is_retried_and_the_job_completes()
    {
        var engine = new ScriptedEngine(attempt => attempt == 1 ? throw new IOException("scratch disk unavailable") : TimeSpan.Zero);
        await using var server = await StartAsync(engine);
        using var client = server.CreateClient();

        var job = await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync();

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal([1, 2], engine.AttemptsSeen(job.JobId));
    }

    [Fact]
    public async Task A_job_that_keeps_failing_transiently_ends_in_error_after_max_attempts()
    {
        var engine = new ScriptedEngine(_ => throw new IOException("scratch disk unavailable"));
        await using var server = await StartAsync(engine);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<TranslationException>(async () => await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync());

        Assert.Equal("Gave up after 3 attempts: scratch disk unavailable", error.ServerMessage);
        Assert.Equal([1, 2, 3], engine.AttemptsSeen(error.JobId!));
    }

    [Theory]
    [InlineData("tool")]
    [InlineData("io")]
    public async Task A_job_error_never_shows_a_tools_output_or_a_server_path(string failure)
    {
        // The run a hostile voice once caused (espeak-ng reads /etc/passwd as a voice, prints its lines and crashes),
        // and a plain error that names where the server keeps its files.
        using var scratch = new TempDirectory();
        TimeSpan Fail(int attempt)
        {
            if (failure == "tool")
            {
                VideoTranslation.Pipeline.Tools.ExternalTool.RunAsync(
                    "espeak-ng", ["-v", "../../../../../../../etc/passwd", "--stdin", "-w", Path.Combine(scratch.Path, $"{attempt}.wav")], default, standardInput: "hola")
                    .GetAwaiter().GetResult();
                return TimeSpan.Zero;
            }

            throw new IOException("Could not find file '/var/lib/vts/jobs/abc/work/audio.wav'.");
        }

        await using var server = await StartAsync(new ScriptedEngine(Fail));
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<TranslationException>(async () => await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync());

        Assert.Matches(
            failure == "tool" ? @"^Gave up after 3 attempts: espeak-ng failed \(exit code \d+\)\.$" : "^Gave up after 3 attempts: Could not find file '…'\\.$",
            error.ServerMessage);
        Assert.DoesNotContain("root:", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var engine = new ScriptedEngine(_ => TimeSpan.Zero, new JobOutcome.Failed(VideoTranslation.Domain.ErrorCodes.TranslationFailed, "The video has no audio stream."));
        await using var server = await StartAsync(engine);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<TranslationException>(async () => await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync());

        Assert.Equal("The video has no audio stream.", error.ServerMessage);
        Assert.Equal([1], engine.AttemptsSeen(error.JobId!));
    }

    [Fact]
    public async Task Heartbeats_keep_a_job_longer_than_its_lease_from_being_taken_over()
    {
        // Each job runs for over two lease lengths; without heartbeats another slot would take it over. Renewals come
        // every second, so losing the lease takes a stall of two seconds: a 2 s lease was lost on a loaded CI machine.
        var engine = new ScriptedEngine(_ => TimeSpan.FromSeconds(7));
        await using var server = await StartAsync(engine, ("Workers:LeaseDuration", "00:00:03"));
        using var client = server.CreateClient();

        var jobs = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => await (await client.StartTranslationAsync("en", "fr")).WaitForCompletionAsync()));

        Assert.All(jobs, job => Assert.Equal([1], engine.AttemptsSeen(job.JobId)));
    }

    private static Task<TestServer> StartAsync(ScriptedEngine engine, params (string Key, string Value)[] extra)
    {
        var settings = TestServer.Settings();
        settings["Workers:RetryDelay"] = "00:00:00.05";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return TestServer.StartAsync(settings, configure: builder => builder.Services.AddSingleton<ITranslationEngine>(engine));
    }

    /// <summary>Runs each attempt as scripted (throw, or work for a while and end with <paramref name="outcome"/>) and records which attempts it saw.</summary>
    private sealed class ScriptedEngine(Func<int, TimeSpan> script, JobOutcome? outcome = null) : ITranslationEngine
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> attempts = new();

        public int[] AttemptsSeen(string jobId) => attempts.TryGetValue(jobId, out var seen) ? [.. seen] : [];

        public async Task<JobOutcome> TranslateAsync(VideoTranslation.Domain.TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
        {
            attempts.GetOrAdd(job.Id.Value, _ => new ConcurrentQueue<int>()).Enqueue(job.Attempts);
            await Task.Delay(script(job.Attempts), cancellationToken);
            return outcome ?? JobOutcome.Completed.Instance;
        }
    }
}
