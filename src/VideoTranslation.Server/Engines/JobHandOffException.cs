namespace VideoTranslation.Server.Engines;

/// <summary>
/// The job's next step is work for another queue's workers (<see cref="Queue.WorkQueues"/>): the worker hands it on
/// without counting the attempt. What was done so far is saved in the job's work directory.
/// </summary>
public sealed class JobHandOffException(string queue, Exception? innerException = null)
    : Exception($"The job's next step is work for the '{queue}' queue.", innerException)
{
    public string Queue { get; } = queue;
}
