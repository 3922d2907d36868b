using System.Threading.Channels;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// How the group-commit writers (<see cref="SqliteWriter"/>, <see cref="PostgresBatchWriter"/>) take their work: wait
/// for one queued write, then take every write queued by then, up to a bound, leaving out those whose callers gave up.
/// </summary>
internal static class WriteBatches
{
    /// <summary>Each batch in turn, until the queue is completed; the list is the same one, refilled, each time.</summary>
    public static async IAsyncEnumerable<List<T>> ReadAsync<T>(ChannelReader<T> queue, int maxBatch, Func<T, bool> cancelIfRequested)
    {
        var batch = new List<T>(maxBatch);
        while (await queue.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatch && queue.TryRead(out var write))
            {
                if (!cancelIfRequested(write))
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }
}
