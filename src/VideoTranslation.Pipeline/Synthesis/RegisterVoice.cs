namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>A voice of a synthesizer with the pitch it speaks at (Hz): what casting matches speakers' registers against.</summary>
public sealed record RegisterVoice(string Name, double PitchHz);
