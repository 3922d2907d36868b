using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.IntegrationTests.Client;

/// <summary>
/// The worst case for a start call: the server does the work, then the answer is lost on the way back, and the
/// client retries. The retry must return the job the first attempt made, never start a second one.
/// </summary>
public sealed class LostResponseTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_seed_start_whose_answer_is_lost_is_retried_into_the_same_single_job()
    {
        await using var server = await TestServer.StartAsync();
        using var handler = new LosesFirstAnswer();
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var client = new VideoTranslationClient(http, TestServer.FastPolling());

        var operation = await client.StartTranslationAsync("en", "es");
        var job = await operation.WaitForCompletionAsync();

        Assert.Equal(["POST /translate", "POST /translate"], handler.Posts);
        Assert.Equal(TranslationJobStatus.Completed, job.Status);
        Assert.Equal(1, await JobCountAsync(server));
    }

    [Fact]
    public async Task A_video_upload_whose_answer_is_lost_is_retried_into_the_same_single_job()
    {
        await using var server = await TestServer.StartAsync();
        using var handler = new LosesFirstAnswer();
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var client = new VideoTranslationClient(http, TestServer.FastPolling(timeoutSeconds: 120));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);

        var accepted = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" }, Dub = false });

        Assert.Equal(["POST /v1/jobs", "POST /v1/jobs"], handler.Posts);
        Assert.Equal(handler.LostJobId, accepted.Id);
        Assert.Equal(1, await JobCountAsync(server));
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(accepted.Id)).Status);
    }

    private static async Task<long> JobCountAsync(TestServer server) =>
        (await server.Services.GetRequiredService<SqlJobStore>().GetStatisticsAsync(default)).JobsByState.Values.Sum();

    /// <summary>
    /// Lets the first POST reach the server and be answered, then throws it away and reports a dropped connection,
    /// as a network failure after the server committed would.
    /// </summary>
    private sealed class LosesFirstAnswer() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int posts;

        public List<string> Posts { get; } = [];

        public string? LostJobId { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            lock (Posts)
            {
                Posts.Add($"POST {request.RequestUri!.AbsolutePath}");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (Interlocked.Increment(ref posts) > 1)
            {
                return response;
            }

            using (response)
            {
                Assert.True(response.IsSuccessStatusCode, $"The first attempt was refused: {(int)response.StatusCode}");
                LostJobId = response.Headers.Location?.OriginalString.Split('/')[^1];
                throw new HttpRequestException("The connection was reset after the request was sent (simulated).");
            }
        }
    }
}
