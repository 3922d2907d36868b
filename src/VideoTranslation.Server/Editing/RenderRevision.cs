namespace VideoTranslation.Server.Editing;

/// <summary>One render of a job: its number, when it finished, and per track the ids of the cues it changed (none for the first).</summary>
public sealed record RenderRevision(int Revision, DateTimeOffset RenderedAt, IReadOnlyDictionary<string, IReadOnlyList<string>> Changes);
