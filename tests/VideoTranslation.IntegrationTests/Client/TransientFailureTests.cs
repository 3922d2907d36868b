using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Client;

/// <summary>
/// The client's retries against a real Kestrel server that misbehaves on purpose: it answers 503 (with
/// Retry-After) a set number of times before answering like the seed server.
/// </summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private WebApplication flaky = null!;
    private int failuresLeft;
    private int requests;
    private readonly TaskCompletionSource cutOff = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        flaky = builder.Build();
        flaky.MapGet("/job/{id}", (string id, HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                context.Response.Headers.RetryAfter = "0";
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Text(
                $$"""{"job_id":"{{id}}","status":"completed","source_language":"en","target_language":"es","created_at":"2026-01-01T00:00:00Z","error_message":null}""",
                "application/json");
        });
        flaky.MapGet("/v1/jobs/{id}/artifacts/{name}", async (HttpContext context) =>
        {
            // Promises 1000 bytes, sends a few and, when the test says so, drops the connection: a download cut off half way.
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("1\n00:00:00,000 --> 00:00:02,000\nLa casa");
            await context.Response.Body.FlushAsync();
            await cutOff.Task.WaitAsync(TimeSpan.FromSeconds(60));
            context.Abort();
        });
        await flaky.StartAsync();
    }

    public async Task DisposeAsync() => await flaky.DisposeAsync();

    [Fact]
    public async Task Retries_transient_failures_and_then_succeeds()
    {
        failuresLeft = 2;
        using var client = new VideoTranslationClient(flaky.Urls.Single(), new TranslationConfig { MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        var job = await client.WaitForCompletionAsync("abc");

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(3, requests);
    }

    [Fact]
    public async Task A_wait_outlasts_more_failures_than_one_request_retries_like_a_server_restarting()
    {
        failuresLeft = 8;
        using var client = new VideoTranslationClient(
            flaky.Urls.Single(), new TranslationConfig { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10), BaseTimeout = TimeSpan.FromSeconds(60) });

        var job = await client.WaitForCompletionAsync("abc");

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(9, requests);
    }

    [Fact]
    public async Task A_download_cut_off_half_way_leaves_the_earlier_file_whole_and_no_partial_file()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "es.srt");
        await File.WriteAllTextAsync(path, "the earlier download");
        using var client = new VideoTranslationClient(flaky.Urls.Single(), new TranslationConfig { MaxRetries = 0 });

        var download = client.DownloadArtifactAsync("abc", "es.srt", path);
        await Eventually.ValueAsync(() => Task.FromResult(Directory.GetFiles(directory.Path).Length > 1 ? "" : null), "the download under way");
        Assert.Equal("the earlier download", await File.ReadAllTextAsync(path)); // written beside, not over, while it runs
        cutOff.SetResult();

        await Assert.ThrowsAnyAsync<IOException>(() => download);

        Assert.Equal("the earlier download", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_http_request_exception_carrying_the_status()
    {
        failuresLeft = 100;
        using var client = new VideoTranslationClient(flaky.Urls.Single(), new TranslationConfig { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetJobAsync("abc"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, requests);
    }
}
