using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoTranslation.Pipeline.Recognition;

/// <summary>The transcript artifact: segments and words with times in seconds, snake_case like the API.</summary>
public static class TranscriptJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people, not HTML
    };

    public static string Serialize(Transcript transcript) => JsonSerializer.Serialize(
        new Document(transcript.Language, transcript.Engine, transcript.HasPunctuation, transcript.Text, [.. transcript.Segments.Select(segment =>
            new SegmentDocument(segment.Start.TotalSeconds, segment.End.TotalSeconds, segment.Speaker, segment.Text, [.. segment.Words.Select(word =>
                new WordDocument(word.Text, word.Start.TotalSeconds, word.End.TotalSeconds, word.Confidence, word.Speaker))]))]),
        Options);

    public static Transcript Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new JsonException("Empty transcript.");
        return new Transcript(document.Language, document.Engine, document.HasPunctuation, [.. document.Segments.Select(segment =>
            new TranscriptSegment(TimeSpan.FromSeconds(segment.Start), TimeSpan.FromSeconds(segment.End), [.. segment.Words.Select(word =>
                new TranscribedWord(word.Text, TimeSpan.FromSeconds(word.Start), TimeSpan.FromSeconds(word.End), word.Confidence, word.Speaker))], segment.Speaker))]);
    }

    private sealed record Document(string Language, string Engine, bool HasPunctuation, string Text, List<SegmentDocument> Segments);

    private sealed record SegmentDocument(double Start, double End, string? Speaker, string Text, List<WordDocument> Words);

    private sealed record WordDocument(string Text, double Start, double End, double? Confidence, string? Speaker);
}
