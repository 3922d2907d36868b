using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.IntegrationTests.Waiting;

/// <summary>POST /v1/jobs/{id}/cancel and DELETE /v1/jobs/{id} on the real server.</summary>
public sealed class CancelAndDeleteTests : IDisposable
{
    private readonly TempDirectory media = new();

    public void Dispose() => media.Dispose();

    [Fact]
    public async Task Cancelling_a_running_job_stops_its_work_at_once()
    {
        var engine = new BlockingEngine();
        await using var server = await TestServer.StartAsync(TestServer.Settings(), configure: builder => builder.Services.AddSingleton<ITranslationEngine>(engine));
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http);
        await engine.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var response = await http.PostAsync($"/v1/jobs/{jobId}/cancel", null);

        response.EnsureSuccessStatusCode();
        Assert.Equal("cancelled", (await response.ReadJsonAsync()).GetProperty("status").GetString());
        await engine.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the work itself stopped
        var seed = await (await http.GetAsync($"/job/{jobId}")).ReadJsonAsync();
        Assert.Equal("error", seed.GetProperty("status").GetString()); // the seed view knows no other end
        Assert.Contains("cancelled", seed.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        var again = await http.PostAsync($"/v1/jobs/{jobId}/cancel", null);
        Assert.Equal("cancelled", (await again.ReadJsonAsync()).GetProperty("status").GetString()); // idempotent
    }

    [Fact]
    public async Task Cancelling_a_video_job_mid_pipeline_removes_its_partial_artifacts()
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, "the quick brown fox jumps over the lazy dog and keeps on running far away", seconds: 12);
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        using var form = UploadForm.Create(video, ("target_languages", "es"));
        var jobId = (await (await http.PostAsync("/v1/jobs", form)).ReadJsonAsync()).GetProperty("id").GetString()!;
        var jobDirectory = Path.Combine(server.DataDirectory, "jobs", jobId);

        // Wait (long-polling) until the pipeline is past probing and writing files.
        for (var stage = "queued"; stage is "queued" or "probing" or "running";)
        {
            var job = await (await http.GetAsync($"/v1/jobs/{jobId}?wait=10")).ReadJsonAsync();
            stage = job.GetProperty("stage").GetString()!;
        }

        Assert.True(Directory.Exists(Path.Combine(jobDirectory, "work")));
        var cancelled = await http.PostAsync($"/v1/jobs/{jobId}/cancel", null);

        cancelled.EnsureSuccessStatusCode();
        for (var i = 0; i < 100 && Directory.Exists(jobDirectory); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists(jobDirectory), "the cancelled job's files are removed");
        Assert.Empty((await (await http.GetAsync($"/v1/jobs/{jobId}/artifacts")).ReadJsonAsync()).EnumerateArray());
        var final = await (await http.GetAsync($"/v1/jobs/{jobId}")).ReadJsonAsync();
        Assert.Equal("cancelled", final.GetProperty("status").GetString());
        Assert.Equal("cancelled", final.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_finished_job_cannot_be_cancelled_but_can_be_deleted_and_is_then_gone()
    {
        await using var server = await TestServer.StartAsync();
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http);
        await server.CreateClient().WaitForCompletionAsync(jobId);

        var problem = await JsonAssert.IsProblemAsync(await http.PostAsync($"/v1/jobs/{jobId}/cancel", null), HttpStatusCode.Conflict);
        Assert.Contains("already finished (completed)", problem.Detail(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/v1/jobs/{jobId}")).StatusCode);
        await JsonAssert.IsProblemAsync(await http.GetAsync($"/v1/jobs/{jobId}"), HttpStatusCode.NotFound);
        await JsonAssert.IsProblemAsync(await http.GetAsync($"/job/{jobId}"), HttpStatusCode.NotFound);
        await JsonAssert.IsProblemAsync(await http.DeleteAsync($"/v1/jobs/{jobId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pending_job_cannot_be_deleted_until_cancelled()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var http = server.CreateHttpClient();
        var jobId = await EventStreamTests.StartSeedJobAsync(http);

        var problem = await JsonAssert.IsProblemAsync(await http.DeleteAsync($"/v1/jobs/{jobId}"), HttpStatusCode.Conflict);
        Assert.Contains("cancel it first", problem.Detail(), StringComparison.Ordinal);

        (await http.PostAsync($"/v1/jobs/{jobId}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/v1/jobs/{jobId}")).StatusCode);
    }

    [Fact]
    public async Task The_client_cancels_and_a_waiter_learns_of_it()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var client = server.CreateClient();
        var operation = await client.StartTranslationAsync("en", "de");
        var waiting = client.WaitForVideoJobAsync(operation.JobId);

        var cancelled = await client.CancelJobAsync(operation.JobId);

        Assert.Equal(VideoTranslation.Client.TranslationJobStatus.Cancelled, cancelled.Status);
        var error = await Assert.ThrowsAsync<VideoTranslation.Client.TranslationException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("cancelled", error.ErrorCode);
        await client.DeleteJobAsync(operation.JobId);
    }

    [Fact]
    public async Task An_operation_cancels_its_job()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var client = server.CreateClient();
        var operation = await client.StartTranslationAsync("en", "it");

        await operation.CancelAsync();

        Assert.True(operation.HasCompleted);
        var error = Assert.Throws<VideoTranslation.Client.TranslationException>(() => operation.Value);
        Assert.Contains("cancelled", error.ServerMessage, StringComparison.Ordinal);
    }

    /// <summary>Runs until cancelled, and says when it started and when it saw the cancellation.</summary>
    private sealed class BlockingEngine : ITranslationEngine
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<JobOutcome> TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return JobOutcome.Completed.Instance;
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }
}
