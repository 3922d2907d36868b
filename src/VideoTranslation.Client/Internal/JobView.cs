namespace VideoTranslation.Client.Internal;

/// <summary>
/// How a wait reads one kind of job: the seed view (<see cref="TranslationJob"/>) or the v1 view
/// (<see cref="VideoJob"/>). Both come from one store on our server, so either kind can also be read from the v1
/// resource and its event stream, which carry progress and an ETA.
/// </summary>
internal sealed record JobView<T>(
    string Path,
    Func<T, TranslationJobStatus> Status,
    Func<T, Exception> Failure,
    Func<VideoJob, T> FromV1,
    Func<T, double?> EtaSeconds)
    where T : class
{
    public static JobView<TranslationJob> Seed(string jobId) => new(
        $"job/{Uri.EscapeDataString(jobId)}",
        job => job.Status,
        job => new TranslationException(job),
        video => new TranslationJob(
            video.Id,
            video.Status == TranslationJobStatus.Cancelled ? TranslationJobStatus.Error : video.Status,
            video.SourceLanguage,
            video.TargetLanguages.Count > 0 ? video.TargetLanguages[0] : "",
            video.CreatedAt,
            video.Error?.Message),
        _ => null);

    public static JobView<VideoJob> Video(string jobId) => new(
        V1Path(jobId),
        job => job.Status,
        job => new TranslationException(job),
        video => video,
        job => job.EtaSeconds);

    public static string V1Path(string jobId) => $"v1/jobs/{Uri.EscapeDataString(jobId)}";
}
