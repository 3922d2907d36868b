namespace VideoTranslation.Server.Queue;

/// <summary>
/// A wake-up for background loops that would otherwise poll. A loop takes <see cref="Next"/> before it looks for
/// work and waits on it only after finding none: work added in between has already completed the task it holds,
/// so no wake-up is ever lost.
/// </summary>
public abstract class WakeSignal
{
    private TaskCompletionSource current = NewSource();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref current).Task;

    /// <summary>Wakes every loop waiting on <see cref="Next"/>; they race for the work, the losers sleep again.</summary>
    public void Notify() => Interlocked.Exchange(ref current, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
