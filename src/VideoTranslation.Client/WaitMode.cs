namespace VideoTranslation.Client;

/// <summary>How <see cref="VideoTranslationClient"/> learns that a job finished.</summary>
public enum WaitMode
{
    /// <summary>
    /// The best the server offers, learned from its responses: <see cref="ServerSentEvents"/> when it links an event
    /// stream, else <see cref="LongPoll"/> when it honours <c>Prefer: wait</c>, else <see cref="HintedPolling"/> when
    /// it sends <c>Retry-After</c> or an ETA, else <see cref="Polling"/>.
    /// </summary>
    Auto,

    /// <summary>One streaming request (<c>GET /v1/jobs/{id}/events</c>), resumed with <c>Last-Event-ID</c> after a drop.</summary>
    ServerSentEvents,

    /// <summary>Status requests the server holds until the job changes (<c>Prefer: wait=N</c>).</summary>
    LongPoll,

    /// <summary>
    /// Status requests timed by the server's estimate: sleep until shortly before the predicted end, then tighten.
    /// Bounded by <see cref="TranslationConfig.MinDelay"/> and <see cref="TranslationConfig.MaxDelay"/>.
    /// </summary>
    HintedPolling,

    /// <summary>The seed client's progressive delay, with full jitter so many clients do not poll in step.</summary>
    Polling,
}
