using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoTranslation.Client;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Server.Artifacts;

namespace VideoTranslation.IntegrationTests.ScaleOut;

/// <summary>
/// Nodes that share nothing but PostgreSQL and an S3-compatible bucket (a real s3rver): each has a data directory of
/// its own, and every file a job needs moves between them through the bucket.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class S3ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_job_uploaded_to_one_node_and_run_by_two_workers_on_others_is_downloaded_through_the_bucket()
    {
        var s3 = await S3Server.GetAsync();
        var settings = s3.Settings(prefix: $"test-{Guid.NewGuid():N}/");
        settings["Storage:Database"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var api = await TestServer.StartAsync(With(settings, ("Workers:Enabled", "false")));
        await using var recognizer = await TestServer.StartAsync(With(settings, ("Workers:Queues", "recognition")));
        await using var finisher = await TestServer.StartAsync(With(settings, ("Workers:Queues", "translation,synthesis")));
        using var client = api.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);

        var accepted = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        var job = await client.WaitForVideoJobAsync(accepted.Id);

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        var output = Path.Combine(directory.Path, "out.mp4");
        await client.DownloadArtifactAsync(job.Id, "output.mp4", output);
        Assert.Equal(["spa", "eng"], (await MediaProber.ProbeAsync(output, default)).AudioStreams.Select(a => a.Language));
        // The finisher, which cannot recognize speech, finished from the transcript the recognizer stored; neither
        // worker keeps a copy once the bucket has the files.
        Assert.False(Directory.Exists(Path.Combine(recognizer.DataDirectory, "jobs", job.Id)));
        Assert.False(Directory.Exists(Path.Combine(finisher.DataDirectory, "jobs", job.Id)));

        // The API node fetched the download into its own directory; an hour later, the job finished, the sweep drops it.
        var cached = Path.Combine(api.DataDirectory, "jobs", job.Id);
        Assert.True(File.Exists(Path.Combine(cached, "work", "output.mp4")));
        Directory.SetLastWriteTimeUtc(cached, DateTime.UtcNow.AddHours(-2));
        await api.Services.GetServices<IHostedService>().OfType<OrphanedUploadSweeper>().Single().SweepAsync(default);
        Assert.False(Directory.Exists(cached));
        await client.DownloadArtifactAsync(job.Id, "es.srt", Path.Combine(directory.Path, "es.srt")); // fetched again

        // A signed link made on one node opens on another (the link secret is in the shared database; a link that
        // does not check out would be a 401 even on this open server).
        var link = await client.CreateArtifactLinkAsync(job.Id, "es.vtt");
        using (var elsewhere = finisher.CreateHttpClient())
        using (var linked = await elsewhere.GetAsync(link.Url.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
            Assert.StartsWith("WEBVTT", await linked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var store = api.Services.GetRequiredService<IArtifactStore>();
        Assert.Contains("work/es/subtitles.srt", (await store.ListAsync(JobId.Parse(job.Id), default)).Keys);
        await client.DeleteJobAsync(job.Id);
        Assert.Empty(await store.ListAsync(JobId.Parse(job.Id), default));
    }

    [Fact]
    public async Task A_render_on_other_nodes_replaces_the_files_every_node_serves_even_at_the_same_size()
    {
        var s3 = await S3Server.GetAsync();
        var settings = s3.Settings(prefix: $"test-{Guid.NewGuid():N}/");
        settings["Storage:Database"] = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var api = await TestServer.StartAsync(With(settings, ("Workers:Enabled", "false")));
        await using var recognizer = await TestServer.StartAsync(With(settings, ("Workers:Queues", "recognition")));
        await using var translator = await TestServer.StartAsync(With(settings, ("Workers:Queues", "translation")));
        await using var synthesizer = await TestServer.StartAsync(With(settings, ("Workers:Queues", "synthesis")));
        using var client = api.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(job.Id)).Status);
        // The API node keeps copies of what it served.
        var subtitles = await ReadArtifactAsync(client, job.Id, "es.srt");
        var dub = await ReadArtifactBytesAsync(client, job.Id, "es.dub.m4a");
        var subtitlesSize = (await client.GetArtifactsAsync(job.Id)).Single(artifact => artifact.Name == "es.srt").Size;

        // Another text of the same length in bytes: the subtitles' size does not change, only their content.
        var cues = await client.GetCuesAsync(job.Id, "es");
        var edited = cues.Cues[^1];
        var text = SameSize(edited.Text);
        await client.EditCuesAsync(job.Id, "es", [new CueChange(edited.Id, Text: text)], cues.ETag);
        await client.StartRenderAsync(job.Id);
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(job.Id)).Status);

        var rendered = await ReadArtifactAsync(client, job.Id, "es.srt");
        Assert.Equal(subtitlesSize, (await client.GetArtifactsAsync(job.Id)).Single(artifact => artifact.Name == "es.srt").Size);
        Assert.Contains(text, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(text, subtitles, StringComparison.Ordinal);
        Assert.Equal(subtitles, await ReadArtifactAsync(client, job.Id, "r1.es.srt"));
        // The translator took the render, removed the dub its edit made stale and handed on; had the bucket kept the
        // old dub, the synthesizer would have found it and skipped the mix. It spoke the edited cue alone.
        Assert.NotEqual(dub, await ReadArtifactBytesAsync(client, job.Id, "es.dub.m4a"));
        using var report = System.Text.Json.JsonDocument.Parse(await ReadArtifactAsync(client, job.Id, "es.dubbing-report.json"));
        var reused = report.RootElement.GetProperty("cues").EnumerateArray().Select(cue => cue.GetProperty("reused").GetBoolean()).ToList();
        Assert.Equal([.. Enumerable.Repeat(true, reused.Count - 1), false], reused);
        var output = Path.Combine(directory.Path, "rendered.mp4");
        await client.DownloadArtifactAsync(job.Id, "output.mp4", output);
        Assert.Equal(["spa", "eng"], (await MediaProber.ProbeAsync(output, default)).AudioStreams.Select(a => a.Language));
    }

    [Fact]
    public async Task A_node_whose_bucket_does_not_answer_is_not_ready()
    {
        var settings = TestServer.Settings();
        foreach (var (key, value) in (await S3Server.GetAsync()).Settings("unreachable/"))
        {
            settings[key] = value;
        }

        settings["Artifacts:S3:ServiceUrl"] = FreePort.NothingListening().ToString();
        await using var server = await TestServer.StartAsync(settings);
        using var http = server.CreateHttpClient();

        var ready = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    private static async Task<string> ReadArtifactAsync(VideoTranslationClient client, string jobId, string name)
    {
        await using var stream = await client.OpenArtifactAsync(jobId, name);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task<byte[]> ReadArtifactBytesAsync(VideoTranslationClient client, string jobId, string name)
    {
        await using var stream = await client.OpenArtifactAsync(jobId, name);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    /// <summary>Plain words as long in UTF-8 as <paramref name="text"/>, ending in a full stop.</summary>
    private static string SameSize(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        var words = string.Concat(Enumerable.Repeat("otra frase ", bytes))[..(bytes - 1)];
        return (words.EndsWith(' ') ? words[..^1] + "s" : words) + ".";
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> shared, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(TestServer.Settings());
        foreach (var (key, value) in shared.Select(pair => (pair.Key, pair.Value)).Concat(extra.Select(pair => (pair.Key, (string?)pair.Value))))
        {
            settings[key] = value;
        }

        return settings;
    }
}
