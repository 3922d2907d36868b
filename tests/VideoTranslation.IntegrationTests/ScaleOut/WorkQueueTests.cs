using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;

namespace VideoTranslation.IntegrationTests.ScaleOut;

/// <summary>
/// Workers limited to queues, as separate processes on PostgreSQL and a shared data directory: a video job's speech
/// recognition runs on one machine's worker, the rest on another's, and the operator view shows where it waits.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkQueueTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_video_job_is_recognized_by_one_worker_and_finished_by_another_that_serves_the_later_stages()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var data = new TempDirectory();
        string[] shared = ["--database", database, "--data", data.Path];
        var (api, url) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var _ = api;
        using var client = new VideoTranslationClient(url, TestServer.FastPolling(timeoutSeconds: 180));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);

        await using var recognizer = VtsProcess.Worker([.. shared, "--queues", "recognition"]);
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });

        // Recognized, then handed on: it waits in the translation queue, which no live worker serves yet.
        var translation = await Eventually.ValueAsync(
            async () => (await client.GetQueuesAsync()).Single(q => q.Name == "translation") is { Due: 1 } queue ? queue : null, "The job waiting in the translation queue", 120);
        Assert.Equal(0, translation.Workers);
        Assert.Equal(TranslationJobStatus.Pending, (await client.GetVideoJobAsync(job.Id)).Status);
        Assert.Contains(await client.GetArtifactsAsync(job.Id), artifact => artifact.Name == "transcript.json");
        Assert.Contains("Job handed on to the translation queue", recognizer.Output, StringComparison.Ordinal);
        var workers = await client.GetWorkersAsync();
        Assert.Equal(["recognition"], Assert.Single(workers, worker => worker.Alive).Queues);

        await using var finisher = VtsProcess.Worker([.. shared, "--queues", "translation,synthesis"]);
        var done = await client.WaitForVideoJobAsync(job.Id);

        Assert.Equal(TranslationJobStatus.Completed, done.Status);
        var output = Path.Combine(directory.Path, "out.mp4");
        await client.DownloadArtifactAsync(job.Id, "output.mp4", output);
        Assert.Equal(["spa", "eng"], (await MediaProber.ProbeAsync(output, default)).AudioStreams.Select(a => a.Language));
        Assert.Contains("Job completed", finisher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Job completed", recognizer.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await client.GetWorkersAsync()).Count(worker => worker.Alive));
    }
}
