namespace VideoTranslation.Pipeline.Recognition;

/// <summary>
/// What a recognizer heard: words with timings, grouped in the segments the engine produced (pocketsphinx
/// utterances split at silences, Whisper segments). <see cref="HasPunctuation"/> tells whether sentence
/// boundaries can be read from the text or must be recovered from pauses.
/// </summary>
public sealed record Transcript(string Language, string Engine, bool HasPunctuation, IReadOnlyList<TranscriptSegment> Segments)
{
    public IEnumerable<TranscribedWord> Words => Segments.SelectMany(segment => segment.Words);

    public string Text => string.Join(' ', Segments.Select(segment => segment.Text));
}

/// <summary>A stretch of continuous speech, by one speaker once speakers are known.</summary>
public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, IReadOnlyList<TranscribedWord> Words, string? Speaker = null)
{
    public string Text => string.Join(' ', Words.Select(word => word.Text));
}
