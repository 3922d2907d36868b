namespace VideoTranslation.Server.Api.Capabilities;

/// <summary>A voice of the synthesizer for one language, with the pitch it speaks at (Hz).</summary>
public sealed record VoiceResource(string Name, double PitchHz);
