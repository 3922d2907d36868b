using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>A sentence of the transcript: the unit of translation. Its words carry display text (casing, punctuation).</summary>
public sealed record Sentence(IReadOnlyList<TranscribedWord> Words)
{
    public TimeSpan Start => Words[0].Start;

    public TimeSpan End => Words[^1].End;

    public string Text => string.Join(' ', Words.Select(word => word.Text));

    /// <summary>Who says it: a sentence never spans two speakers (<see cref="SentenceSplitter"/> ends it where the speaker changes).</summary>
    public string? Speaker => Words[0].Speaker;
}
