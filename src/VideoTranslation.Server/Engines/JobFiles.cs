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

    /// <summary>Removes everything the job stored: upload, work files, artifacts. Nothing there is an error.</summary>
    public void Delete(JobId id)
    {
        var directory = DirectoryFor(id);
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed meanwhile by whoever else cleaned up (the API and a stopping worker both may).
        }
    }

    /// <summary>The pipeline's work directory; its files are the job's artifacts.</summary>
    public string WorkFor(JobId id) => Path.Combine(DirectoryFor(id), "work");
}
