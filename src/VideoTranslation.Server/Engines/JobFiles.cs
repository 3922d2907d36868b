using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Engines;

/// <summary>Where a video job's files live: DATA/jobs/{id}/ (job ids are restricted to file-safe characters).</summary>
public sealed class JobFiles(IOptions<StorageOptions> storage)
{
    public string DirectoryFor(JobId id) => Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "jobs", id.Value);

    public string InputFor(JobId id, VideoJobSpec spec) => Path.Combine(DirectoryFor(id), "input" + spec.InputExtension);

    public string? SourceSubtitlesFor(JobId id, VideoJobSpec spec) =>
        spec.SourceSubtitlesExtension is { } extension ? Path.Combine(DirectoryFor(id), "source-subtitles" + extension) : null;

    /// <summary>The pipeline's work directory; its files are the job's artifacts.</summary>
    public string WorkFor(JobId id) => Path.Combine(DirectoryFor(id), "work");
}
