using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Queue;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The jobs this node has read lately, so that a status read (the most frequent request by far: clients poll)
/// costs no query. An entry is dropped whenever <see cref="JobChanges"/> hears its job changed: after every write
/// here commits, and on PostgreSQL when another node's change is announced. A read from the database is kept only if
/// no change was heard since it began (<see cref="Stamp"/>), decided under the lock the changes take too, so a read
/// that raced a write is never kept, not even for a moment. On PostgreSQL the cache serves only while this node hears
/// every announcement (see <see cref="Pause"/>); another node's change is then seen here within the announcement's
/// delivery, milliseconds. Bounded by <see cref="StorageOptions.CachedJobs"/> (0 turns it off).
/// </summary>
public sealed class JobCache : IDisposable
{
    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1 };

    private readonly MemoryCache? entries;
    private readonly JobChanges changes;
    private readonly Lock gate = new();
    private long generation;
    private volatile bool paused;

    public JobCache(JobChanges changes, IOptions<StorageOptions> options)
    {
        this.changes = changes;
        var size = options.Value.CachedJobs;
        entries = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size, CompactionPercentage = 0.25 }) : null;
        paused = options.Value.UsesPostgres; // until the listener hears announcements
        changes.Changed += Forget;
    }

    /// <summary>Counts the changes heard: where the next database read begins, to pass to <see cref="Add"/> with what it found.</summary>
    public long Stamp => Interlocked.Read(ref generation);

    public bool TryGet(JobId id, out TranslationJob? job)
    {
        job = null;
        return !paused && entries is not null && entries.TryGetValue(id.Value, out job);
    }

    /// <summary>Keeps <paramref name="job"/>, read from the database after <paramref name="stamp"/>, unless a change was heard meanwhile.</summary>
    public void Add(TranslationJob job, long stamp)
    {
        if (entries is null)
        {
            return;
        }

        lock (gate)
        {
            if (!paused && generation == stamp)
            {
                entries.Set(job.Id.Value, job, Entry);
            }
        }
    }

    /// <summary>Stops serving (announcements may be missed from now on) and forgets everything.</summary>
    public void Pause()
    {
        lock (gate)
        {
            paused = true;
            generation++;
            entries?.Clear();
        }
    }

    /// <summary>Serves again, from nothing: every announcement is heard again.</summary>
    public void Resume()
    {
        lock (gate)
        {
            generation++;
            entries?.Clear();
            paused = false;
        }
    }

    public void Dispose()
    {
        changes.Changed -= Forget;
        entries?.Dispose();
    }

    private void Forget(JobId? id)
    {
        lock (gate)
        {
            generation++; // a read begun before this change must not be kept
            if (id is { } changed)
            {
                entries?.Remove(changed.Value);
            }
            else
            {
                entries?.Clear();
            }
        }
    }
}
