using System.Net;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.IntegrationTests.Client;

/// <summary>The client library's video surface against the real server: upload, wait, download as streams.</summary>
public sealed class VideoClientTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Uploads_waits_with_progress_and_downloads_artifacts()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 120));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);
        var options = new VideoTranslationOptions { TargetLanguages = { "es" } };
        var seen = new List<VideoJob>();

        var accepted = await client.StartVideoTranslationAsync(video, options);
        var job = await client.WaitForVideoJobAsync(accepted.Id, new Recorder(seen));

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Contains(seen, look => look.Stage is not ("queued" or "done"));
        Assert.Equal("/v1/jobs/" + job.Id + "/artifacts/es.srt", job.Results["es"]["srt"]);

        await using (var srt = await client.OpenArtifactAsync(job.Id, "es.srt"))
        using (var reader = new StreamReader(srt))
        {
            Assert.Contains(SubtitleParser.Parse(await reader.ReadToEndAsync()), cue => cue.Text == "La casa es muy grande.");
        }

        var output = Path.Combine(directory.Path, "out.mp4");
        await client.DownloadArtifactAsync(job.Id, "output.mp4", output);
        Assert.Equal(["spa", "eng"], (await MediaProber.ProbeAsync(output, default)).AudioStreams.Select(a => a.Language));
    }

    [Fact]
    public async Task A_refused_upload_is_an_api_exception_with_the_servers_reason()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var notes = Path.Combine(directory.Path, "notes.mp4");
        await File.WriteAllTextAsync(notes, "not a video");

        var error = await Assert.ThrowsAsync<TranslationApiException>(() => client.StartVideoTranslationAsync(notes, new VideoTranslationOptions { TargetLanguages = { "es" } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains("not a video or audio format", error.Detail, StringComparison.Ordinal);
    }

    private sealed class Recorder(List<VideoJob> seen) : IProgress<VideoJob>
    {
        public void Report(VideoJob value) => seen.Add(value);
    }
}
