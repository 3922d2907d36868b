using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VideoTranslation.IntegrationTests.OpenAi;

/// <summary>
/// An OpenAI-compatible server on a loopback port that answers deterministically: transcriptions of a fixed
/// sentence with word timings, "translations" that prefix each sentence with the target language (optionally
/// malformed the first times), and WAV speech half a second per word. It records what it was sent.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int malformedAnswersLeft;

    private FakeOpenAiServer(WebApplication app) => this.app = app;

    public string BaseUrl => app.Urls.Single() + "/v1";

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public ConcurrentQueue<JsonElement> ChatRequests { get; } = new();

    public ConcurrentQueue<string> TranscriptionFields { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeOpenAiServer(app);
        app.MapPost("/v1/audio/transcriptions", fake.TranscribeAsync);
        app.MapPost("/v1/chat/completions", fake.ChatAsync);
        app.MapPost("/v1/audio/speech", fake.SpeakAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next <paramref name="count"/> chat answers will not be the JSON asked for.</summary>
    public void AnswerMalformed(int count) => malformedAnswersLeft = count;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> TranscribeAsync(HttpRequest request)
    {
        Authorizations.Enqueue(request.Headers.Authorization.ToString());
        var form = await request.ReadFormAsync();
        foreach (var field in form)
        {
            TranscriptionFields.Enqueue($"{field.Key}={field.Value}");
        }

        return Results.Json(new
        {
            language = "english",
            text = "Hello there. How are you?",
            segments = new[] { new { start = 0.5, end = 1.5, text = "Hello there." }, new { start = 2.0, end = 3.2, text = "How are you?" } },
            words = new[]
            {
                new { word = "Hello", start = 0.5, end = 0.9 }, new { word = "there.", start = 1.0, end = 1.5 },
                new { word = "How", start = 2.0, end = 2.3 }, new { word = "are", start = 2.4, end = 2.7 }, new { word = "you?", start = 2.8, end = 3.2 },
            },
        });
    }

    private async Task<IResult> ChatAsync(HttpRequest request)
    {
        Authorizations.Enqueue(request.Headers.Authorization.ToString());
        var body = await JsonDocument.ParseAsync(request.Body);
        var messages = body.RootElement.GetProperty("messages");
        var user = JsonDocument.Parse(messages[1].GetProperty("content").GetString()!).RootElement.Clone();
        ChatRequests.Enqueue(user);
        var target = messages[0].GetProperty("content").GetString()!.Split("into '")[1].Split('\'')[0];
        var translations = user.GetProperty("sentences").EnumerateArray().Select(s => $"[{target}] {s.GetString()}").ToList();

        var content = Interlocked.Decrement(ref malformedAnswersLeft) >= 0
            ? "Sure! Here are the translations: " + string.Join(" / ", translations)
            : "```json\n" + JsonSerializer.Serialize(new { translations }) + "\n```";
        return Results.Json(new { choices = new[] { new { message = new { role = "assistant", content } } } });
    }

    private async Task<IResult> SpeakAsync(HttpRequest request)
    {
        var body = await JsonDocument.ParseAsync(request.Body);
        var words = body.RootElement.GetProperty("input").GetString()!.Split(' ').Length;
        return Results.Bytes(Wav(words * 0.5), "audio/wav");
    }

    /// <summary>A silent 16 kHz mono 16-bit WAV of <paramref name="seconds"/>.</summary>
    private static byte[] Wav(double seconds)
    {
        var data = (int)(seconds * 16_000) * 2;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + data);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16_000);
        writer.Write(32_000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(data);
        writer.Write(new byte[data]);
        return stream.ToArray();
    }
}
