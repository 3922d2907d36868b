namespace VideoTranslation.Client.Internal;

/// <summary>
/// How a wait reads one kind of job: the seed view (<see cref="TranslationJob"/>) or the v1 view
/// (<see cref="VideoJob"/>). Both come from one store on our server, so either kind can also be read from the v1
/// resource and its event stream, which carry progress and an ETA.
/// </summary>
/// <param name="Path">Where the job is read in this view's own shape.</param>
/// <param name="IsV1">The view is the v1 resource itself.</param>
/// <param name="Status">The job's status in this view.</param>
/// <param name="Failure">The exception for a job that ended without completing.</param>
/// <param name="FromV1">This view of a job read from the v1 resource or its events.</param>
internal sealed record JobView<T>(
    string Path,
    bool IsV1,
    Func<T, TranslationJobStatus> Status,
    Func<T, Exception> Failure,
    Func<VideoJob, T> FromV1)
    where T : class
{
    public static JobView<TranslationJob> Seed(string jobId) => new(
        $"job/{Uri.EscapeDataString(jobId)}",
        IsV1: false,
        job => job.Status,
        job => new TranslationException(job),
        video => new TranslationJob(
            video.Id,
            video.Status == TranslationJobStatus.Cancelled ? TranslationJobStatus.Error : video.Status,
            video.SourceLanguage,
            video.TargetLanguages.Count > 0 ? video.TargetLanguages[0] : "",
            video.CreatedAt,
            video.Error?.Message));

    public static JobView<VideoJob> Video(string jobId) => new(
        V1Path(jobId),
        IsV1: true,
        job => job.Status,
        job => new TranslationException(job),
        video => video);

    public static string V1Path(string jobId) => $"v1/jobs/{Uri.EscapeDataString(jobId)}";
}
