namespace VideoTranslation.Server.Api.V1;

/// <summary>A file a job produced, under the name the API gives it.</summary>
public sealed record Artifact(string Name, string Path, string ContentType, long Size);
