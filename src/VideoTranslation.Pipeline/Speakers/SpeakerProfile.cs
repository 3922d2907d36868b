namespace VideoTranslation.Pipeline.Speakers;

/// <summary>A speaker found in the audio: its label and the median pitch of its voiced speech (Hz; 0 when none was voiced).</summary>
public sealed record SpeakerProfile(string Id, double MedianPitchHz);
