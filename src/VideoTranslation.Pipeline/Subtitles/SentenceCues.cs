namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>A sentence and the cues it is shown in: what translation lays its text back over.</summary>
public sealed record SentenceCues(Sentence Sentence, IReadOnlyList<Cue> Cues);
