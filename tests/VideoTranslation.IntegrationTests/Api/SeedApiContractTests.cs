using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>The seed API exactly as the seed README documents it, driven with plain HTTP and JSON like any seed client.</summary>
public sealed class SeedApiContractTests() : ServerTest(minSeconds: 0.2, maxSeconds: 0.4)
{
    [Fact]
    public async Task Post_translate_answers_the_seed_shape()
    {
        var response = await Http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        JsonAssert.HasExactlyProperties(body, "message", "job_id");
        Assert.Equal("Translation started", body.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("job_id").GetString()));
    }

    [Fact]
    public async Task Get_job_answers_the_seed_shape_while_pending()
    {
        // Jobs of a minute: this one is certainly still pending when we look.
        await using var slow = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        using var http = slow.CreateHttpClient();
        var started = await (await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "pt-BR" })).ReadJsonAsync();
        var jobId = started.GetProperty("job_id").GetString()!;

        var pending = await http.GetFromJsonAsync<JsonElement>($"/job/{jobId}");
        JsonAssert.HasExactlyProperties(pending, "job_id", "status", "source_language", "target_language", "created_at", "error_message");
        Assert.Equal(jobId, pending.GetProperty("job_id").GetString());
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("en", pending.GetProperty("source_language").GetString());
        Assert.Equal("pt-BR", pending.GetProperty("target_language").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("error_message").ValueKind);
        var created = DateTimeOffset.Parse(pending.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(created, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_job_completes_and_keeps_the_seed_shape()
    {
        var jobId = await StartAsync("en", "es");

        var finished = await PollUntilFinishedAsync(jobId);
        JsonAssert.HasExactlyProperties(finished, "job_id", "status", "source_language", "target_language", "created_at", "error_message");
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, finished.GetProperty("error_message").ValueKind);
    }

    [Fact]
    public async Task Language_codes_are_normalized()
    {
        var jobId = await StartAsync("EN", "pt_br");
        var job = await Http.GetFromJsonAsync<JsonElement>($"/job/{jobId}");
        Assert.Equal("en", job.GetProperty("source_language").GetString());
        Assert.Equal("pt-BR", job.GetProperty("target_language").GetString());
    }

    [Fact]
    public async Task A_client_chosen_job_id_makes_the_call_idempotent()
    {
        var body = new { job_id = "seed-client-7", source_language = "en", target_language = "es" };
        var first = await (await Http.PostAsJsonAsync("/translate", body)).ReadJsonAsync();
        var createdAt = (await Http.GetFromJsonAsync<JsonElement>("/job/seed-client-7")).GetProperty("created_at").GetString();

        var again = await Http.PostAsJsonAsync("/translate", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("seed-client-7", first.GetProperty("job_id").GetString());
        Assert.Equal("seed-client-7", (await again.ReadJsonAsync()).GetProperty("job_id").GetString());
        Assert.Equal(createdAt, (await Http.GetFromJsonAsync<JsonElement>("/job/seed-client-7")).GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task The_same_job_id_with_a_different_request_is_a_conflict()
    {
        await Http.PostAsJsonAsync("/translate", new { job_id = "taken", source_language = "en", target_language = "es" });
        var response = await Http.PostAsJsonAsync("/translate", new { job_id = "taken", source_language = "en", target_language = "fr" });

        var problem = await JsonAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("'taken' already exists for en -> es", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_is_404_with_problem_details()
    {
        var problem = await JsonAssert.IsProblemAsync(await Http.GetAsync("/job/no-such-job"), HttpStatusCode.NotFound);
        Assert.Contains("no-such-job", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_engine_ends_the_job_in_error_with_a_message()
    {
        await using var failing = await TestServer.StartAsync(errorRate: 1);
        using var client = failing.CreateHttpClient();
        var started = await (await client.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "de" })).ReadJsonAsync();

        var finished = await PollUntilFinishedAsync(started.GetProperty("job_id").GetString()!, client);
        Assert.Equal("error", finished.GetProperty("status").GetString());
        Assert.Contains("translating en to de failed", finished.GetProperty("error_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        var response = await Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<string> StartAsync(string source, string target)
    {
        var response = await Http.PostAsJsonAsync("/translate", new { source_language = source, target_language = target });
        response.EnsureSuccessStatusCode();
        return (await response.ReadJsonAsync()).GetProperty("job_id").GetString()!;
    }

    /// <summary>What a seed client does: poll until the status is no longer pending.</summary>
    private async Task<JsonElement> PollUntilFinishedAsync(string jobId, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await (client ?? Http).GetFromJsonAsync<JsonElement>($"/job/{jobId}");
            if (job.GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(50);
        }
    }
}
