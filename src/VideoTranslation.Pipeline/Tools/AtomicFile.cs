namespace VideoTranslation.Pipeline.Tools;

/// <summary>
/// Writes a file so it either exists complete or not at all: produced under a temporary name, then renamed.
/// A stage whose output exists therefore finished, and a retried job can skip it.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, Func<string, Task> produce)
    {
        // Keep the extension last: tools such as ffmpeg choose the format by it.
        var directory = Directory.CreateDirectory(Path.GetDirectoryName(path)!).FullName;
        var partial = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(path)}.partial{Path.GetExtension(path)}");
        File.Delete(partial);
        await produce(partial);
        File.Move(partial, path, overwrite: true);
    }

    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, partial => File.WriteAllTextAsync(partial, text, cancellationToken));
}
