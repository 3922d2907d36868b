namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A speaker of a video job: its label (<c>S1</c>, <c>S2</c>, … in order of first appearance), the name provided
/// subtitles gave it, the median pitch measured in its speech (Hz; 0 where not measured), and its voice per target language.
/// </summary>
public sealed record SpeakerResource(string Id, string? Name, double MedianPitchHz, IReadOnlyDictionary<string, string>? Voices);
