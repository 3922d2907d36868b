using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// Where a video job's files live, the one place that knows: DATA/jobs/{id}/ (job ids are restricted to file-safe
/// characters), the upload as <c>input.EXT</c>, provided subtitles as <c>source-subtitles.EXT</c>, the pipeline's work
/// in <c>work/</c>. The API writes uploads here, workers and artifact stores read and sync it, the sweeper cleans it.
/// </summary>
public sealed class JobFiles(IOptions<StorageOptions> storage)
{
    /// <summary>The directory every job's directory is in.</summary>
    public string Root => Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "jobs");

    public string DirectoryFor(JobId id) => Path.Combine(Root, id.Value);

    /// <summary>The upload's name in the job's directory, given its extension (e.g. <c>.mp4</c>).</summary>
    public static string InputName(string extension) => "input" + extension;

    /// <summary>The provided subtitles' name in the job's directory, given their extension (<c>.srt</c> or <c>.vtt</c>).</summary>
    public static string SourceSubtitlesName(string extension) => "source-subtitles" + extension;

    public string InputFor(JobId id, VideoJobSpec spec) => Path.Combine(DirectoryFor(id), InputName(spec.InputExtension));

    public string? SourceSubtitlesFor(JobId id, VideoJobSpec spec) =>
        spec.SourceSubtitlesExtension is { } extension ? Path.Combine(DirectoryFor(id), SourceSubtitlesName(extension)) : null;

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

    /// <summary>
    /// The local path of <paramref name="relativePath"/> ('/'-separated) in the job's directory. The paths come from
    /// the job's own listings and catalog, never from a request; one that would leave the directory is refused anyway.
    /// </summary>
    public string PathFor(JobId id, string relativePath)
    {
        var directory = DirectoryFor(id);
        var path = Path.GetFullPath(Path.Combine(directory, relativePath));
        return path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{relativePath}' is not inside the job's directory.", nameof(relativePath));
    }

    /// <summary>
    /// Where a node that keeps the job's files elsewhere (a bucket) records what its local copy last matched there
    /// (<see cref="SyncRecord"/>): in the job's directory, so it goes with the copy, and never one of the job's files.
    /// </summary>
    public string SyncRecordFor(JobId id) => Path.Combine(DirectoryFor(id), SyncRecordName);

    /// <summary>The job's complete files here: files being written are left out, and so is the sync record.</summary>
    public IReadOnlyList<LocalFile> LocalFiles(JobId id)
    {
        var directory = new DirectoryInfo(DirectoryFor(id));
        if (!directory.Exists)
        {
            return [];
        }

        return directory.EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(file => !IsBeingWritten(file.Name) && file.FullName != Path.Combine(directory.FullName, SyncRecordName))
            .Select(file => new LocalFile(Path.GetRelativePath(directory.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file.Length, file.LastWriteTimeUtc))
            .ToList();
    }

    private const string SyncRecordName = ".synced.json";

    // Pipeline.Tools.AtomicFile writes "name.partial.ext", downloads go to "name.download": both are renamed when whole.
    private static bool IsBeingWritten(string name) =>
        name.Contains(".partial.", StringComparison.Ordinal) || name.EndsWith(".download", StringComparison.Ordinal);
}
