using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Artifacts;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>A finished job's files are listed from the artifact store once, however often the job is read.</summary>
public sealed class ArtifactListingTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Reads_of_a_finished_job_do_not_list_the_store_again()
    {
        CountingStore? store = null;
        await using var server = await TestServer.StartAsync(
            TestServer.Settings(),
            configure: builder => builder.Services.AddSingleton<IArtifactStore>(services => store = new CountingStore(new DirectoryArtifactStore(services.GetRequiredService<JobFiles>()))));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        await client.WaitForVideoJobAsync(job.Id);
        using var http = server.CreateHttpClient();

        var before = store!.Lists;
        for (var i = 0; i < 5; i++)
        {
            var read = await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job.Id}");
            Assert.Equal("/v1/jobs/" + job.Id + "/artifacts/es.srt", read.GetProperty("results").GetProperty("es").GetProperty("srt").GetString());
            var artifacts = await http.GetFromJsonAsync<JsonElement>($"/v1/jobs/{job.Id}/artifacts");
            Assert.Contains(artifacts.EnumerateArray(), artifact => artifact.GetProperty("name").GetString() == "output.mp4");
            await http.GetFromJsonAsync<JsonElement>("/v1/jobs");
        }

        Assert.InRange(store.Lists - before, 0, 1); // at most the first read after the end; before, every read listed
    }

    private sealed class CountingStore(IArtifactStore inner) : IArtifactStore
    {
        private int lists;

        public int Lists => Volatile.Read(ref lists);

        public Task<IReadOnlyDictionary<string, StoredFile>> ListAsync(JobId id, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref lists);
            return inner.ListAsync(id, cancellationToken);
        }

        public Task PullAsync(JobId id, CancellationToken cancellationToken) => inner.PullAsync(id, cancellationToken);

        public Task PushAsync(JobId id, CancellationToken cancellationToken) => inner.PushAsync(id, cancellationToken);

        public Task<string?> LocalCopyAsync(JobId id, string relativePath, StoredFile file, CancellationToken cancellationToken) =>
            inner.LocalCopyAsync(id, relativePath, file, cancellationToken);

        public Task EvictLocalCopyAsync(JobId id) => inner.EvictLocalCopyAsync(id);

        public Task DeleteAsync(JobId id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }
}
