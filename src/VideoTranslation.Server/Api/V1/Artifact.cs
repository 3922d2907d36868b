using VideoTranslation.Domain;
using VideoTranslation.Server.Artifacts;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A file a job produced, under the name the API gives it; <see cref="Path"/> is where it is in the job's files
/// (relative, '/'-separated), <see cref="Stored"/> its size and version in the artifact store, <see cref="Language"/>
/// null for the source and the video, <see cref="Revision"/> set on the kept files of an earlier render (null on the latest).
/// </summary>
public sealed record Artifact(string Name, string Path, string ContentType, string Kind, string? Language, StoredFile Stored, int? Revision = null)
{
    public long Size => Stored.Size;

    /// <summary>Where the API serves it (job ids and artifact names need no escaping: both are plain by construction).</summary>
    public string UrlFor(JobId job) => $"/v1/jobs/{job}/artifacts/{Name}";
}
