using System.Net.ServerSentEvents;
using System.Text.Json;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Reads a job's server-sent events as raw items (type, id, JSON data), as any SSE client would.</summary>
public static class EventStreamReader
{
    public sealed record StreamEvent(string Type, long? Id, JsonElement? Data)
    {
        public string? Status => Data?.GetProperty("status").GetString();
    }

    /// <summary>Opens the stream (after <paramref name="lastEventId"/>, if given) and reads up to <paramref name="max"/> events or to its end.</summary>
    public static async Task<(List<StreamEvent> Events, bool Ended)> ReadAsync(HttpClient http, string jobId, long? lastEventId = null, int max = int.MaxValue)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return ([], true); // resumed after the last event of a finished job: an EventSource stops here
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<StreamEvent>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            events.Add(new StreamEvent(
                item.EventType,
                item.EventId is { } id ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : null,
                item.Data == "null" ? null : JsonDocument.Parse(item.Data).RootElement.Clone()));
            if (events.Count == max)
            {
                return (events, false);
            }
        }

        return (events, true);
    }
}
