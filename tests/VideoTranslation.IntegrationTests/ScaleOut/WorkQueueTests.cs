using System.Net.Http.Json;
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

    [Fact]
    public async Task A_render_hands_off_between_queues_like_a_new_job_and_keeps_what_it_changed()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var data = new TempDirectory();
        string[] shared = ["--database", database, "--data", data.Path];
        var (api, url) = await VtsProcess.ServeAsync([.. shared, "--no-workers"]);
        await using var _ = api;
        using var client = new VideoTranslationClient(url, TestServer.FastPolling(timeoutSeconds: 180));
        await using var recognizer = VtsProcess.Worker([.. shared, "--queues", "recognition"]);
        await using var translator = VtsProcess.Worker([.. shared, "--queues", "translation"]);
        await using var synthesizer = VtsProcess.Worker([.. shared, "--queues", "synthesis"]);
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(job.Id)).Status);

        var source = await client.GetCuesAsync(job.Id, "source");
        var first = source.Cues[0].Id;
        await client.EditCuesAsync(job.Id, "source", [new CueChange(first, Text: "The house is red.")], source.ETag);
        await client.StartRenderAsync(job.Id);
        var rendered = await client.WaitForVideoJobAsync(job.Id);

        // Translated again on the translation worker, spoken, mixed and muxed on the synthesis worker.
        Assert.Equal(TranslationJobStatus.Completed, rendered.Status);
        var translated = await client.GetCuesAsync(job.Id, "es");
        Assert.Equal((2, false), (translated.Revision, translated.Changed));
        Assert.Equal("La casa es roja.", string.Join(' ', translated.Cues.Where(cue => cue.SourceIds.Contains(first)).Select(cue => cue.Text)));
        Assert.Equal(2, Count(translator.Output, "Job handed on to the synthesis queue"));
        Assert.Equal(2, Count(synthesizer.Output, "Job completed"));
        Assert.DoesNotContain("Job completed", translator.Output, StringComparison.Ordinal);
        using var revisions = new HttpClient { BaseAddress = url };
        var changes = (await revisions.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/jobs/{job.Id}/revisions"))[1].GetProperty("changes");
        Assert.Equal([first], changes.GetProperty("source").EnumerateArray().Select(id => id.GetString()));
        Assert.Contains(await client.GetArtifactsAsync(job.Id), artifact => artifact.Name == "r1.es.srt");
    }

    private static int Count(string text, string phrase) => (text.Length - text.Replace(phrase, "", StringComparison.Ordinal).Length) / phrase.Length;
}
