namespace VideoTranslation.Pipeline.Recognition;

/// <summary>
/// A recognized word with its timing in the audio, the recognizer's confidence (0 to 1, when given), and who said it
/// (<c>S1</c>, <c>S2</c>, …; null until speakers are known).
/// </summary>
public sealed record TranscribedWord(string Text, TimeSpan Start, TimeSpan End, double? Confidence = null, string? Speaker = null);
