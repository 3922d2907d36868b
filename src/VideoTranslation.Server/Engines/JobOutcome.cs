namespace VideoTranslation.Server.Engines;

/// <summary>
/// How an attempt at a job ended. An engine answers <see cref="Completed"/>, <see cref="Failed"/> or
/// <see cref="HandedOff"/>; the worker adds what only it can see (a transient error to retry, its own shutdown, a
/// cancellation, a lost lease) and records every outcome in one place.
/// </summary>
public abstract record JobOutcome
{
    private JobOutcome()
    {
    }

    /// <summary>The work is done and stored.</summary>
    public sealed record Completed : JobOutcome
    {
        public static Completed Instance { get; } = new();
    }

    /// <summary>
    /// A failure retrying cannot fix (bad input, a missing engine): the job ends in <c>error</c> with
    /// <paramref name="Code"/> and <paramref name="Message"/>; <paramref name="Cause"/> is for the operator's log only.
    /// </summary>
    public sealed record Failed(string Code, string Message, Exception? Cause = null) : JobOutcome;

    /// <summary>The job's next step is work for another queue's workers; what was done so far is stored.</summary>
    public sealed record HandedOff(string Queue) : JobOutcome;

    /// <summary>A transient error: the job waits and runs again, up to its attempt limit.</summary>
    public sealed record Retrying(Exception Cause) : JobOutcome;

    /// <summary>This process is shutting down: the job goes back to the queue at once, the attempt not counted.</summary>
    public sealed record Released : JobOutcome
    {
        public static Released Instance { get; } = new();
    }

    /// <summary>A client cancelled the job; its partial files are removed.</summary>
    public sealed record Cancelled : JobOutcome
    {
        public static Cancelled Instance { get; } = new();
    }

    /// <summary>The lease expired and another worker owns the job now: nothing of this attempt is recorded.</summary>
    public sealed record LeaseLost : JobOutcome
    {
        public static LeaseLost Instance { get; } = new();
    }
}
