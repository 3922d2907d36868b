using Npgsql;
using VideoTranslation.Domain;
using VideoTranslation.Server.Queue;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// Hears what other nodes announce on PostgreSQL (<c>LISTEN</c>) and passes it to this process's signals: a new
/// job wakes idle workers, a changed job wakes its long-polls and event streams, a cancelled job stops its worker
/// here, a queued webhook wakes the dispatcher. One connection per node, whatever the number of waiters. After a
/// lost connection it reconnects with backoff and wakes everything once, since announcements may have been missed.
/// </summary>
internal sealed partial class PostgresListener(
    IJobDatabase database, JobSignal jobs, JobChanges changes, JobCache cache, JobCancellations cancellations, WebhookSignal webhooks, ILogger<PostgresListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is not PostgresDatabase postgres)
        {
            return;
        }

        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(postgres.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (failures > 0)
                {
                    LogReconnected(failures);
                }

                failures = 0;
                cache.Resume(); // every change is heard from here on
                WakeAll(); // whatever happened while we were not listening
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                cache.Pause(); // changes elsewhere go unheard until we listen again
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(10, 0.2 * Math.Pow(2, Math.Min(failures, 6))));
                LogConnectionLost(ex.Message, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private void Dispatch(string message)
    {
        switch (message.Split(':', 2))
        {
            case ["new"]:
                jobs.Notify();
                break;
            case ["webhook"]:
                webhooks.Notify();
                break;
            case ["job", var id] when JobId.TryParse(id, out var job, out _):
                changes.Notify(job);
                break;
            case ["cancel", var id] when JobId.TryParse(id, out var job, out _):
                cancellations.Cancel(job);
                changes.Notify(job);
                break;
        }
    }

    private void WakeAll()
    {
        jobs.Notify();
        webhooks.Notify();
        changes.NotifyAll();
    }

    [LoggerMessage(LogLevel.Warning, "Lost the PostgreSQL notification connection ({Reason}); reconnecting in {DelaySeconds:0.0} s")]
    private partial void LogConnectionLost(string reason, double delaySeconds);

    [LoggerMessage(LogLevel.Information, "Listening to PostgreSQL notifications again after {Failures} failed attempts")]
    private partial void LogReconnected(int failures);
}
