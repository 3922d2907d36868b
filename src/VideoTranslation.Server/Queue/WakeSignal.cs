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

    /// <summary>
    /// Sleeps until <paramref name="wake"/> (a <see cref="Next"/> taken before looking for work) completes, or until
    /// just after <paramref name="due"/> (the next delayed work), but no longer than <paramref name="longest"/>.
    /// Cancellation by <paramref name="stoppingToken"/> throws; everything else just ends the sleep.
    /// </summary>
    public static async Task SleepAsync(Task wake, DateTimeOffset? due, TimeSpan longest, TimeProvider clock, CancellationToken stoppingToken)
    {
        var wait = longest;
        if (due is { } next)
        {
            // A little slack so we wake just after the work is due, not just before.
            var untilDue = next - clock.GetUtcNow() + TimeSpan.FromMilliseconds(5);
            wait = untilDue < wait ? untilDue : wait;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await wake.WaitAsync(wait, clock, stoppingToken);
        }
        catch (TimeoutException)
        {
            // Nothing was signalled: look again.
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
