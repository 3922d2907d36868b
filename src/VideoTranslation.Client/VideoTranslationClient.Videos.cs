using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.Client;

/// <summary>The v1 API: upload videos, follow their jobs, download what they produce.</summary>
public sealed partial class VideoTranslationClient
{
    /// <summary>
    /// Uploads a video file and starts translating it. The file is streamed, never loaded into memory. Each call
    /// sends its own <c>Idempotency-Key</c>, so a retried upload (after a network failure or a 503) returns the job
    /// the first attempt started instead of starting a second one.
    /// </summary>
    /// <returns>The job as accepted (status <c>pending</c>).</returns>
    public Task<VideoJob> StartVideoTranslationAsync(string videoPath, VideoTranslationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoPath);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(videoPath))
        {
            throw new FileNotFoundException($"No video at {videoPath}.", videoPath);
        }

        if (options.TargetLanguages.Count == 0)
        {
            throw new ArgumentException("Give at least one target language.", nameof(options));
        }

        var idempotencyKey = Guid.NewGuid().ToString();
        return SendAsync<VideoJob>(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs") { Content = Form(videoPath, options) };
                request.Headers.Add("Idempotency-Key", idempotencyKey);
                return request;
            },
            cancellationToken,
            upload: true);
    }

    /// <summary>Gets a video job's current status, stage and progress once.</summary>
    public Task<VideoJob> GetVideoJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return SendAsync<VideoJob>(() => new HttpRequestMessage(HttpMethod.Get, JobView<VideoJob>.V1Path(jobId)), cancellationToken);
    }

    /// <summary>Waits for a video job like <see cref="WaitForCompletionAsync(string, CancellationToken)"/>, reporting each look to <paramref name="progress"/>.</summary>
    /// <exception cref="TranslationException">The job ended in error; <see cref="TranslationException.ErrorCode"/> says why.</exception>
    public Task<VideoJob> WaitForVideoJobAsync(string jobId, IProgress<VideoJob>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return WaitAsync(jobId, JobView<VideoJob>.Video(jobId), progress, cancellationToken);
    }

    /// <summary>
    /// Cancels a pending or running job: its work stops and its partial artifacts are removed. Cancelling a job
    /// already cancelled returns it again; a finished one gets <see cref="TranslationApiException"/> (409).
    /// </summary>
    public Task<VideoJob> CancelJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return SendAsync<VideoJob>(() => new HttpRequestMessage(HttpMethod.Post, $"{JobView<VideoJob>.V1Path(jobId)}/cancel"), cancellationToken);
    }

    /// <summary>Deletes a finished job and its artifacts; an unfinished one gets <see cref="TranslationApiException"/> (409).</summary>
    public async Task DeleteJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        using var response = await SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, JobView<VideoJob>.V1Path(jobId)), HttpCompletionOption.ResponseContentRead, retry, cancellationToken);
    }

    /// <summary>What the server accepts for video jobs: engines, language pairs, subtitle modes and limits.</summary>
    public Task<ServerCapabilities> GetCapabilitiesAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ServerCapabilities>(() => new HttpRequestMessage(HttpMethod.Get, "v1/capabilities"), cancellationToken);

    /// <summary>The files a video job has produced so far.</summary>
    public Task<IReadOnlyList<VideoArtifact>> GetArtifactsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return SendAsync<IReadOnlyList<VideoArtifact>>(() => new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{Uri.EscapeDataString(jobId)}/artifacts"), cancellationToken);
    }

    /// <summary>Opens an artifact for reading as it downloads; dispose the stream when done.</summary>
    public async Task<Stream> OpenArtifactAsync(string jobId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var response = await SendRawAsync(
            () => new HttpRequestMessage(HttpMethod.Get, $"v1/jobs/{Uri.EscapeDataString(jobId)}/artifacts/{Uri.EscapeDataString(name)}"),
            HttpCompletionOption.ResponseHeadersRead, retry, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>
    /// A URL that downloads one artifact without the API key, for what cannot send one: a browser or media player, a
    /// program or person you hand the file to. It expires after <paramref name="validFor"/> (one hour when null; one
    /// minute to seven days) and acts for this client's key, so it stops working when that key is revoked.
    /// </summary>
    public async Task<ArtifactLink> CreateArtifactLinkAsync(string jobId, string name, TimeSpan? validFor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var query = validFor is { } lifetime ? string.Create(CultureInfo.InvariantCulture, $"?expires_in={(long)Math.Ceiling(lifetime.TotalSeconds)}") : "";
        var link = await SendAsync<ArtifactLinkResponse>(
            () => new HttpRequestMessage(HttpMethod.Post, $"v1/jobs/{Uri.EscapeDataString(jobId)}/artifacts/{Uri.EscapeDataString(name)}/link{query}"),
            cancellationToken);
        // The server's path is from its root; resolve it under this client's base address, which may carry a proxy's prefix.
        return new ArtifactLink(new Uri(BaseAddress, link.Url.TrimStart('/')), link.ExpiresAt);
    }

    /// <summary>
    /// Downloads an artifact into <paramref name="path"/>, streaming. The file appears whole or not at all: the download
    /// goes to a temporary file beside it, renamed over <paramref name="path"/> once complete, so a reader watching for the
    /// file never sees half of it and a failed or cancelled download leaves any earlier file in place.
    /// </summary>
    public async Task DownloadArtifactAsync(string jobId, string name, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var partial = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var source = await OpenArtifactAsync(jobId, name, cancellationToken))
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial); // gone already after the move; the leftover of a failed download otherwise
        }
    }

    private static MultipartFormDataContent Form(string videoPath, VideoTranslationOptions options)
    {
        var form = new MultipartFormDataContent();
        var video = new StreamContent(File.OpenRead(videoPath));
        video.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(video, "file", Path.GetFileName(videoPath));
        form.Add(new StringContent(options.SourceLanguage), "source_language");
        form.Add(new StringContent(string.Join(',', options.TargetLanguages)), "target_languages");
        form.Add(new StringContent(options.Dub ? "true" : "false"), "dub");
        form.Add(new StringContent(options.KeepOriginalAudio ? "true" : "false"), "keep_original_audio");
        form.Add(new StringContent(options.Subtitles), "subtitles");
        if (options.CallbackUrl is { } callbackUrl)
        {
            form.Add(new StringContent(callbackUrl.AbsoluteUri), "callback_url");
        }

        foreach (var (language, voice) in options.Voices)
        {
            form.Add(new StringContent(voice), $"voice.{language}");
        }

        foreach (var (language, voices) in options.SpeakerVoices)
        {
            foreach (var (speaker, voice) in voices)
            {
                form.Add(new StringContent(voice), $"voice.{language}.{speaker}");
            }
        }

        if (options.Speakers is { } speakers)
        {
            form.Add(new StringContent(speakers.ToString(System.Globalization.CultureInfo.InvariantCulture)), "speakers");
        }

        if (options.Glossary.Count > 0)
        {
            form.Add(new StringContent(JsonSerializer.Serialize(options.Glossary, ClientJson.Options)), "glossary");
        }

        if (options.SourceSubtitlesPath is { } subtitles)
        {
            form.Add(new StreamContent(File.OpenRead(subtitles)), "source_subtitles", Path.GetFileName(subtitles));
        }

        return form;
    }
}
