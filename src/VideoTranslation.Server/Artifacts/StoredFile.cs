namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// A file as the artifact store holds it: its size, and a version that changes whenever its content is replaced (the
/// S3 ETag; the size and time of the shared directory's file), the same on every node.
/// </summary>
public sealed record StoredFile(long Size, string Version);
