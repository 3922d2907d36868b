using System.Net.Http.Json;
using System.Text.Json;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Waiting for a v1 job as a plain HTTP client would: long-polls until it is no longer pending.</summary>
public static class JobWaiting
{
    /// <summary>The job at <paramref name="location"/> (<c>/v1/jobs/{id}</c>) once it has finished; fails after five minutes.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient http, string location)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"{location}?wait=30", deadline.Token);
            if (job.GetProperty("status").GetString() != "pending")
            {
                return job;
            }
        }
    }
}
