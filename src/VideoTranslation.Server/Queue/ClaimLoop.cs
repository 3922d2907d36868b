namespace VideoTranslation.Server.Queue;

/// <summary>
/// The loop of every background slot that takes work from a table (jobs, webhook deliveries): claim one piece of work
/// and do it; with none due, sleep until <see cref="WakeSignal"/> fires or the next piece falls due, never polling on a
/// timer; with the database away, wait a second and look again (leases keep the work safe meanwhile).
/// </summary>
public static class ClaimLoop
{
    private static readonly TimeSpan StoreErrorPause = TimeSpan.FromSeconds(1);

    /// <param name="signal">Fires when work is added.</param>
    /// <param name="claimAndWork">Claims one piece of work and does it; false when none was due.</param>
    /// <param name="nextDueTime">When the next delayed piece of work falls due, if any.</param>
    /// <param name="longestSleep">The longest an idle slot sleeps before looking again anyway.</param>
    /// <param name="storeError">Told of each failure to reach the store (to log it); the loop goes on.</param>
    public static async Task RunAsync(
        WakeSignal signal,
        Func<CancellationToken, Task<bool>> claimAndWork,
        Func<CancellationToken, Task<DateTimeOffset?>> nextDueTime,
        TimeSpan longestSleep,
        TimeProvider clock,
        Action<Exception> storeError,
        CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Taken before looking, so work added while we look still wakes us.
                var wake = signal.Next;
                if (!await claimAndWork(stoppingToken))
                {
                    await WakeSignal.SleepAsync(wake, await nextDueTime(stoppingToken), longestSleep, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                storeError(ex);
                try
                {
                    await Task.Delay(StoreErrorPause, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
