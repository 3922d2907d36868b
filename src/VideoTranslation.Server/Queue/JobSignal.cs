namespace VideoTranslation.Server.Queue;

/// <summary>
/// Wakes idle workers the moment a job becomes claimable, so no worker polls the database while idle.
/// A worker takes <see cref="Next"/> before it looks for work and waits on it only after finding none:
/// a job added in between has already completed the task it holds, so no wake-up is ever lost.
/// </summary>
public sealed class JobSignal
{
    private TaskCompletionSource current = NewSource();

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Next => Volatile.Read(ref current).Task;

    /// <summary>Wakes every worker waiting on <see cref="Next"/>; they race to claim, the losers sleep again.</summary>
    public void Notify() => Interlocked.Exchange(ref current, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
