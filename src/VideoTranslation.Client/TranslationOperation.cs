namespace VideoTranslation.Client;

/// <summary>
/// A started translation job, in the style of Azure SDK long-running operations: wait on it, poll it, or rebuild
/// it from its <see cref="JobId"/> in another process with <see cref="VideoTranslationClient.GetOperation"/>.
/// </summary>
public sealed class TranslationOperation
{
    private readonly VideoTranslationClient client;

    internal TranslationOperation(VideoTranslationClient client, string jobId)
    {
        this.client = client;
        JobId = jobId;
    }

    /// <summary>The job's id: keep it to resume waiting later.</summary>
    public string JobId { get; }

    /// <summary>The job as last seen by this operation; null before the first look.</summary>
    public TranslationJob? LastKnown { get; private set; }

    /// <summary>True once the job has completed or failed.</summary>
    public bool HasCompleted => LastKnown?.IsFinished == true;

    /// <summary>The completed job. Throws while it runs, and <see cref="TranslationException"/> if it failed.</summary>
    public TranslationJob Value => LastKnown switch
    {
        { Status: TranslationJobStatus.Completed } job => job,
        { Status: TranslationJobStatus.Error } job => throw new TranslationException(job),
        _ => throw new InvalidOperationException($"Job '{JobId}' has not completed yet; call WaitForCompletionAsync or UpdateStatusAsync."),
    };

    /// <summary>Asks the server for the job's status once.</summary>
    public async Task<TranslationJob> UpdateStatusAsync(CancellationToken cancellationToken = default) =>
        LastKnown = await client.GetJobAsync(JobId, cancellationToken);

    /// <summary>
    /// Cancels the job (v1 API): its work stops and its partial results are removed. Afterwards
    /// <see cref="LastKnown"/> shows it ended (in the seed's terms, <c>error</c>), and a wait ends with
    /// <see cref="TranslationException"/>. A job that already finished gets <see cref="TranslationApiException"/> (409).
    /// </summary>
    public async Task CancelAsync(CancellationToken cancellationToken = default)
    {
        await client.CancelJobAsync(JobId, cancellationToken);
        await UpdateStatusAsync(cancellationToken);
    }

    /// <summary>Waits for the job like <see cref="VideoTranslationClient.WaitForCompletionAsync(string, CancellationToken)"/>.</summary>
    public async Task<TranslationJob> WaitForCompletionAsync(IProgress<TranslationJob>? progress = null, CancellationToken cancellationToken = default)
    {
        var recorder = new Progress(this, progress);
        try
        {
            return LastKnown = await client.WaitForCompletionAsync(JobId, recorder, cancellationToken);
        }
        catch (TranslationException ex) when (ex.Job is not null)
        {
            LastKnown = ex.Job;
            throw;
        }
    }

    /// <summary>Keeps <see cref="LastKnown"/> current while waiting, then forwards to the caller's progress.</summary>
    private sealed class Progress(TranslationOperation operation, IProgress<TranslationJob>? inner) : IProgress<TranslationJob>
    {
        public void Report(TranslationJob value)
        {
            operation.LastKnown = value;
            inner?.Report(value);
        }
    }
}
