namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A file a job produced, under the name the API gives it; <see cref="Path"/> is where it is in the job's files
/// (relative, '/'-separated), <see cref="Language"/> null for the source and the video.
/// </summary>
public sealed record Artifact(string Name, string Path, string ContentType, string Kind, string? Language, long Size);
