using System.Net.Http.Headers;
using System.Net.Http.Json;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.Client;

/// <summary>Correcting a finished job: its cues, edits and imports, and renders that redo only what changed.</summary>
public sealed partial class VideoTranslationClient
{
    /// <summary>The cues of a rendered job's track: <c>source</c>, or one of its target languages.</summary>
    public Task<JobCues> GetCuesAsync(string jobId, string track, CancellationToken cancellationToken = default) =>
        SendCuesAsync(() => new HttpRequestMessage(HttpMethod.Get, CuesPath(jobId, track)), cancellationToken);

    /// <summary>
    /// Changes cues of a track by id. With <paramref name="ifMatch"/> (a <see cref="JobCues.ETag"/>) the edit applies only
    /// to that state of the track; otherwise <see cref="TranslationApiException"/> with status 412 and code
    /// <c>track_changed</c>. Invalid edits are 422, each cue's reason in the problem's errors.
    /// </summary>
    public Task<JobCues> EditCuesAsync(string jobId, string track, IReadOnlyList<CueChange> changes, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return SendCuesAsync(
            () => Conditional(new HttpRequestMessage(HttpMethod.Patch, CuesPath(jobId, track)) { Content = JsonContent.Create(new { cues = changes }, options: ClientJson.Options) }, ifMatch),
            cancellationToken);
    }

    /// <summary>
    /// Changes the voices of a target language's track per speaker (e.g. <c>S2</c> → <c>es+f3</c>); the next render speaks
    /// again only those speakers' cues. Voices the server's synthesizer does not list are refused (422).
    /// </summary>
    public Task<JobCues> SetVoicesAsync(string jobId, string language, IReadOnlyDictionary<string, string> voices, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(voices);
        return SendCuesAsync(
            () => Conditional(new HttpRequestMessage(HttpMethod.Patch, CuesPath(jobId, language)) { Content = JsonContent.Create(new { voices }, options: ClientJson.Options) }, ifMatch),
            cancellationToken);
    }

    /// <summary>Replaces a track's text and times with an SRT or WebVTT file that has the same cues in the same order (from a subtitle editor).</summary>
    public async Task<JobCues> ImportCuesAsync(string jobId, string track, string subtitlesPath, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subtitlesPath);
        var text = await File.ReadAllTextAsync(subtitlesPath, cancellationToken);
        var type = subtitlesPath.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase) ? "text/vtt" : "application/x-subrip";
        return await SendCuesAsync(
            () => Conditional(new HttpRequestMessage(HttpMethod.Put, CuesPath(jobId, track)) { Content = new StringContent(text, System.Text.Encoding.UTF8, type) }, ifMatch),
            cancellationToken);
    }

    /// <summary>
    /// Renders a job's edits: it goes back to pending and redoes only what changed, in <paramref name="languages"/> (every
    /// language with changes when null). Wait for it like a new job (<see cref="WaitForVideoJobAsync"/>); the artifacts
    /// then show the new revision.
    /// </summary>
    public Task<VideoJob> StartRenderAsync(string jobId, IReadOnlyList<string>? languages = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return SendAsync<VideoJob>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{JobView<VideoJob>.V1Path(jobId)}/render")
            {
                Content = languages is null ? null : JsonContent.Create(new { languages }, options: ClientJson.Options),
            },
            cancellationToken);
    }

    private static string CuesPath(string jobId, string track)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(track);
        return $"{JobView<VideoJob>.V1Path(jobId)}/cues/{Uri.EscapeDataString(track)}";
    }

    private static HttpRequestMessage Conditional(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return request;
    }

    private async Task<JobCues> SendCuesAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(createRequest, HttpCompletionOption.ResponseContentRead, retry, cancellationToken);
        var cues = await response.Content.ReadFromJsonAsync<JobCues>(ClientJson.Options, cancellationToken)
                   ?? throw new HttpRequestException($"The server at {BaseAddress} answered {(int)response.StatusCode} with an empty body.");
        return cues with { ETag = response.Headers.ETag?.ToString() };
    }
}
