namespace VideoTranslation.Pipeline.Recognition;

/// <summary>A recognized word with its timing in the audio and the recognizer's confidence (0 to 1, when given).</summary>
public sealed record TranscribedWord(string Text, TimeSpan Start, TimeSpan End, double? Confidence = null);
