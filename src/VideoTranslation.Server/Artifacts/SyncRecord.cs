using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoTranslation.Server.Artifacts;

/// <summary>
/// What a node's local copy of a job's files last matched in a bucket: for each file, the stored version it was pushed
/// as or pulled from, and the local file's size and time then. A local file whose size and time are unchanged since is
/// still that version, so pushes and pulls move exactly what changed on either side (a render rewrites files, often at
/// the same size), and a file that was synced and is gone on one side since was removed there on purpose (a render
/// deletes the outputs its edits make stale), so it goes on the other side too. Files never synced are left alone.
/// </summary>
internal sealed class SyncRecord
{
    private readonly Dictionary<string, Entry> entries;

    private SyncRecord(Dictionary<string, Entry> entries) => this.entries = entries;

    public static SyncRecord Empty => new([]);

    /// <summary>Whether the local file is, unchanged, the stored version (false when either is missing or it changed).</summary>
    public bool Matches(LocalFile? local, StoredFile? stored) =>
        local is not null && stored is not null && entries.TryGetValue(local.RelativePath, out var entry)
        && entry.Version == stored.Version && entry.Size == local.Size && entry.Modified == local.LastWriteUtc.Ticks;

    /// <summary>Whether the local file is as it was when synced (so a stored file missing now was removed elsewhere).</summary>
    public bool Unchanged(LocalFile local) =>
        entries.TryGetValue(local.RelativePath, out var entry) && entry.Size == local.Size && entry.Modified == local.LastWriteUtc.Ticks;

    /// <summary>The stored version the file was last synced as, if it was.</summary>
    public string? VersionOf(string relativePath) => entries.GetValueOrDefault(relativePath)?.Version;

    /// <summary>The files ever synced here.</summary>
    public IEnumerable<string> Paths => entries.Keys;

    public void Synced(LocalFile local, string version) => entries[local.RelativePath] = new Entry(version, local.Size, local.LastWriteUtc.Ticks);

    public void Forget(string relativePath) => entries.Remove(relativePath);

    /// <summary>Applies what another record says of its files to this one (changes made while a transfer ran).</summary>
    public void Apply(SyncRecord changes, IEnumerable<string> forgotten)
    {
        foreach (var (path, entry) in changes.entries)
        {
            entries[path] = entry;
        }

        foreach (var path in forgotten)
        {
            entries.Remove(path);
        }
    }

    public static async Task<SyncRecord> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return new SyncRecord(await JsonSerializer.DeserializeAsync(file, SyncRecordJson.Default.DictionaryStringEntry, cancellationToken) ?? []);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return Empty; // nothing synced here yet (or a record cut short): every file is compared afresh
        }
    }

    /// <summary>Writes under a temporary name, then renames: a reader sees the old record or the new one.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".download";
        await using (var file = File.Create(partial))
        {
            await JsonSerializer.SerializeAsync(file, entries, SyncRecordJson.Default.DictionaryStringEntry, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }

    internal sealed record Entry(string Version, long Size, long Modified);
}

[JsonSerializable(typeof(Dictionary<string, SyncRecord.Entry>))]
internal sealed partial class SyncRecordJson : JsonSerializerContext;
