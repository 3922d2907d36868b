using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Client;

/// <summary>The client library against the real server.</summary>
public sealed class ClientTests
{
    [Fact]
    public async Task Waits_for_a_job_and_returns_it_completed()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();

        var operation = await client.StartTranslationAsync("en", "es");
        var job = await client.WaitForCompletionAsync(operation.JobId);

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(operation.JobId, job.JobId);
        Assert.Equal(("en", "es"), (job.SourceLanguage, job.TargetLanguage));
        Assert.Null(job.ErrorMessage);
    }

    [Fact]
    public async Task A_failed_job_throws_translation_exception_with_id_and_server_message()
    {
        await using var server = await TestServer.StartAsync(errorRate: 1);
        using var client = server.CreateClient();
        var operation = await client.StartTranslationAsync("en", "fr");

        var error = await Assert.ThrowsAsync<TranslationException>(() => operation.WaitForCompletionAsync());

        Assert.Equal(operation.JobId, error.JobId);
        Assert.Contains("translating en to fr failed", error.ServerMessage, StringComparison.Ordinal);
        Assert.True(operation.HasCompleted);
        Assert.Throws<TranslationException>(() => operation.Value);
    }

    [Fact]
    public async Task Gives_up_with_timeout_exception_after_base_timeout()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 0.5));
        var operation = await client.StartTranslationAsync("en", "de");
        var statuses = new List<TranslationJobStatus>();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => client.WaitForCompletionAsync(operation.JobId, new Progress(statuses)));

        Assert.Contains(operation.JobId, error.Message, StringComparison.Ordinal);
        Assert.Contains("last status: pending", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(statuses);
        Assert.All(statuses, status => Assert.Equal(TranslationJobStatus.Pending, status));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var client = server.CreateClient();
        var operation = await client.StartTranslationAsync("en", "de");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitForCompletionAsync(operation.JobId, cancel.Token));
    }

    [Fact]
    public async Task An_unknown_job_id_is_an_api_exception_with_404()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<TranslationApiException>(() => client.WaitForCompletionAsync("never-started"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("never-started", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_languages_are_an_api_exception_naming_the_field()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<TranslationApiException>(() => client.StartTranslationAsync("en", "xx"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Contains("'xx' is not a known language", Assert.Single(error.Errors["target_language"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_with_the_same_job_id_returns_the_same_job_and_a_different_request_conflicts()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();

        var first = await client.StartTranslationAsync("en", "es", "my-id");
        var again = await client.StartTranslationAsync("en", "es", "my-id");
        var conflict = await Assert.ThrowsAsync<TranslationApiException>(() => client.StartTranslationAsync("en", "it", "my-id"));

        Assert.Equal(first.JobId, again.JobId);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_server_is_http_request_exception_after_retries()
    {
        var config = TestServer.FastPolling();
        config.MaxRetries = 2;
        using var client = new VideoTranslationClient(FreePort.NothingListening(), config);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.StartTranslationAsync("en", "es"));

        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_can_resume_from_another_client_by_job_id()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.3, maxSeconds: 0.5);
        string jobId;
        using (var starter = server.CreateClient())
        {
            jobId = (await starter.StartTranslationAsync("en", "ca")).JobId;
        }

        using var resumer = server.CreateClient();
        var operation = resumer.GetOperation(jobId);
        Assert.False(operation.HasCompleted);
        var job = await operation.WaitForCompletionAsync();

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Same(job, operation.Value);
    }

    [Fact]
    public async Task Two_hundred_concurrent_jobs_all_complete()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 0.05, maxSeconds: 0.2, workers: 32);
        var config = TestServer.FastPolling(timeoutSeconds: 120);
        using var client = server.CreateClient(config);
        string[] targets = ["es", "fr", "de", "it", "pt-BR", "ca", "gl", "nl"];

        var jobs = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var operation = await client.StartTranslationAsync("en", targets[i % targets.Length]);
            return await operation.WaitForCompletionAsync();
        }));

        Assert.All(jobs, job => Assert.Equal(TranslationJobStatus.Completed, job.Status));
        Assert.Equal(200, jobs.Select(job => job.JobId).Distinct().Count());
    }

    [Fact]
    public async Task Works_as_a_typed_client_from_http_client_factory()
    {
        await using var server = await TestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddVideoTranslationClient(server.BaseAddress, config =>
        {
            config.MinDelay = TimeSpan.FromMilliseconds(20);
            config.MaxDelay = TimeSpan.FromMilliseconds(100);
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<VideoTranslationClient>();
        var job = await (await client.StartTranslationAsync("en", "es")).WaitForCompletionAsync();

        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(20), client.Config.MinDelay);
    }

    [Fact]
    public async Task A_base_address_with_a_path_prefix_is_kept()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new VideoTranslationClient(new Uri(server.BaseAddress, "/prefix"), TestServer.FastPolling());

        // The server has no /prefix, so a 404 proves the prefix was used rather than dropped.
        var error = await Assert.ThrowsAsync<TranslationApiException>(() => client.GetJobAsync("x"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("/prefix/job/x", error.Detail, StringComparison.Ordinal);
    }

    /// <summary>Records synchronously (System.Progress posts to the thread pool, which would race the asserts).</summary>
    private sealed class Progress(List<TranslationJobStatus> statuses) : IProgress<TranslationJob>
    {
        public void Report(TranslationJob value)
        {
            lock (statuses)
            {
                statuses.Add(value.Status);
            }
        }
    }
}
