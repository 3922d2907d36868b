using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>A sentence of the transcript: the unit of translation. Its words carry display text (casing, punctuation).</summary>
public sealed record Sentence(IReadOnlyList<TranscribedWord> Words)
{
    public TimeSpan Start => Words[0].Start;

    public TimeSpan End => Words[^1].End;

    public string Text => string.Join(' ', Words.Select(word => word.Text));
}
