using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.Waiting;

/// <summary>
/// A job's changes as server-sent events. Each event's id is the job's version after the change, and the stored
/// event history is replayed from the client's <c>Last-Event-ID</c>, so a reconnect neither loses nor repeats an event.
/// A fresh stream starts with the job as it is now. Like a long-poll, a stream holds no thread and runs no query
/// while nothing happens: it awaits the job's change signal. It ends after the job's last event, and when the server
/// shuts down (the client resumes from its last event id on another node, or after the restart).
/// </summary>
public sealed class JobEventStream(
    IJobRepository jobs, JobChanges changes, JobResources resources, TimeProvider clock, IOptions<ApiOptions> options, IHostApplicationLifetime lifetime)
{
    /// <summary>Event type of a change of status (pending, completed, error, cancelled), and the first event of a stream.</summary>
    public const string StatusEvent = "status";

    /// <summary>Event type of a change of stage or progress while the job runs (queued to running included: both are pending).</summary>
    public const string ProgressEvent = "progress";

    /// <summary>Event type of the keep-alive sent while nothing happens, so idle proxies keep the connection; it has no id.</summary>
    public const string PingEvent = "ping";

    /// <summary>
    /// Whether a stream resumed from <paramref name="lastEventId"/> has nothing left to send, ever: the job has finished
    /// and the client has seen its last event. Such a stream is answered <c>204 No Content</c>, which tells an EventSource
    /// to stop reconnecting (a stream that stayed open would be reconnected to forever).
    /// </summary>
    public static bool IsOver(TranslationJob job, long? lastEventId) => job.State.IsTerminal() && lastEventId >= job.Version;

    public async IAsyncEnumerable<SseItem<JobResource?>> ReadAsync(TranslationJob job, long? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = changes.Next(job.Id);
        JobStatus? previousStatus = null;
        var after = lastEventId ?? job.Version - 1;
        if (lastEventId is { } resumed && resumed > 0 && await jobs.GetEventsAsync(job.Id, resumed - 1, cancellationToken) is [var seen, ..])
        {
            previousStatus = seen.State.ToStatus(); // the client knows this status; the next event is a status event only if it differs
        }

        while (true)
        {
            foreach (var change in await jobs.GetEventsAsync(job.Id, after, cancellationToken))
            {
                var resource = await resources.CreateAsync(change.Apply(job), cancellationToken);
                var type = change.State.ToStatus() == previousStatus ? ProgressEvent : StatusEvent;
                yield return new SseItem<JobResource?>(resource, type) { EventId = change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (change.State.IsTerminal())
                {
                    yield break;
                }

                previousStatus = change.State.ToStatus();
                after = change.Sequence;
            }

            var woke = await next.WaitAsync(options.Value.EventsKeepAlive, clock, lifetime.ApplicationStopping)
                .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                yield break;
            }

            if (!woke)
            {
                yield return new SseItem<JobResource?>(null, PingEvent);
                continue;
            }

            next = changes.Next(job.Id);
            if (await jobs.GetAsync(job.Id, cancellationToken) is not { } current)
            {
                yield break; // deleted
            }

            job = current;
        }
    }
}
