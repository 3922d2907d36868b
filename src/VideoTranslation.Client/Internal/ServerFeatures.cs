using System.Net.Http.Headers;

namespace VideoTranslation.Client.Internal;

/// <summary>
/// What the server has shown it offers, learned from its responses rather than asked for: a <c>Link</c> with
/// rel <c>monitor</c> means job event streams (and the v1 API), <c>Preference-Applied: wait=</c> means long-polling.
/// A seed-style server shows neither, and the client falls back to polling.
/// </summary>
internal sealed class ServerFeatures
{
    private volatile bool events;
    private volatile bool longPoll;
    private volatile bool eventsBroken;
    private volatile bool longPollAsked;

    /// <summary>The server links job event streams and has the v1 API.</summary>
    public bool Events => events && !eventsBroken;

    /// <summary>The server has the v1 API (its job resource carries stage, progress and an ETA).</summary>
    public bool V1 => events;

    public bool LongPoll => longPoll;

    /// <summary>A long-poll was asked for and the server's answer is in: <see cref="LongPoll"/> says whether it was honoured.</summary>
    public bool LongPollAsked => longPollAsked;

    public void Learn(HttpResponseMessage response)
    {
        if (!events && response.Headers.TryGetValues("Link", out var links) &&
            links.Any(link => link.Contains("rel=\"monitor\"", StringComparison.OrdinalIgnoreCase)))
        {
            events = true;
        }

        if (!longPoll && response.Headers.TryGetValues("Preference-Applied", out var applied) &&
            applied.Any(value => value.Contains("wait=", StringComparison.OrdinalIgnoreCase)))
        {
            longPoll = true;
        }
    }

    /// <summary>Learns from the answer to a request that asked to be held.</summary>
    public void LongPollAnswered(HttpResponseMessage response)
    {
        Learn(response);
        longPollAsked = true;
    }

    /// <summary>The event stream answered with something other than events (a proxy in between, say): stop trying it.</summary>
    public void EventsFailed() => eventsBroken = true;

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
