using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Queue;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// The jobs this node has read lately, so that a status read (the most frequent request by far: clients poll)
/// costs no query. An entry is dropped whenever <see cref="JobChanges"/> hears its job changed: after every write
/// here commits, and on PostgreSQL when another node's change is announced. A read that raced a change is never
/// kept: it is added only if no change was heard since it began (<see cref="JobChanges.Generation"/>), checked again
/// after adding. On PostgreSQL the cache serves only while this node hears every announcement (see
/// <see cref="Pause"/>); another node's change is then seen here within the announcement's delivery, milliseconds.
/// Bounded by <see cref="StorageOptions.CachedJobs"/> (0 turns it off).
/// </summary>
public sealed class JobCache : IDisposable
{
    private readonly MemoryCache? entries;
    private readonly JobChanges changes;
    private volatile bool paused;

    public JobCache(JobChanges changes, IOptions<StorageOptions> options)
    {
        this.changes = changes;
        var size = options.Value.CachedJobs;
        entries = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size, CompactionPercentage = 0.25 }) : null;
        paused = options.Value.UsesPostgres; // until the listener hears announcements
        changes.Changed += Forget;
    }

    /// <summary>Where the next read begins: pass it to <see cref="Add"/> with what the read found.</summary>
    public long Stamp => changes.Generation;

    public bool TryGet(JobId id, out TranslationJob? job)
    {
        job = null;
        return !paused && entries is not null && entries.TryGetValue(id.Value, out job);
    }

    /// <summary>Keeps <paramref name="job"/>, read from the database after <paramref name="stamp"/>, unless a change was heard meanwhile.</summary>
    public void Add(TranslationJob job, long stamp)
    {
        if (entries is null || paused || changes.Generation != stamp)
        {
            return;
        }

        entries.Set(job.Id.Value, job, new MemoryCacheEntryOptions { Size = 1 });
        if (changes.Generation != stamp)
        {
            entries.Remove(job.Id.Value); // a change landed while we added: what we read may be older than it
        }
    }

    /// <summary>Stops serving (announcements may be missed from now on) and forgets everything.</summary>
    public void Pause()
    {
        paused = true;
        entries?.Clear();
    }

    /// <summary>Serves again, from nothing: every announcement is heard again.</summary>
    public void Resume()
    {
        entries?.Clear();
        paused = false;
    }

    public void Dispose()
    {
        changes.Changed -= Forget;
        entries?.Dispose();
    }

    private void Forget(JobId? id)
    {
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
