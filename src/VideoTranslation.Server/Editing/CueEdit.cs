namespace VideoTranslation.Server.Editing;

/// <summary>A change to one cue: the fields given replace the cue's, those left out stay.</summary>
public sealed record CueEdit(string Id, string? Text = null, double? Start = null, double? End = null, string? Speaker = null);
