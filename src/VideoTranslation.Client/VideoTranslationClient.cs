using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Timeout;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.Client;

/// <summary>
/// Client for the VideoTranslation service. Starts translation jobs and waits for them to finish with the best
/// mechanism the server offers (server-sent events, long-poll, hinted or progressive polling), retrying transient failures.
/// </summary>
/// <remarks>
/// Thread-safe; create one and reuse it. Failures surface as <see cref="TranslationException"/> (the job ended in
/// error), <see cref="TimeoutException"/> (<see cref="TranslationConfig.BaseTimeout"/> passed),
/// <see cref="TranslationApiException"/> (the server refused the request) or <see cref="HttpRequestException"/>
/// (the server could not be reached, after retries).
/// </remarks>
public sealed partial class VideoTranslationClient : IDisposable, IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttpClient;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;
    private readonly ResiliencePipeline<HttpResponseMessage> uploadRetry;
    private readonly PollingDelaySchedule schedule;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    /// <summary>Creates a client for the server at <paramref name="baseUrl"/>, e.g. <c>http://localhost:8000</c>.</summary>
    public VideoTranslationClient(string baseUrl, TranslationConfig? config = null, ILogger<VideoTranslationClient>? logger = null)
        : this(new Uri(baseUrl, UriKind.Absolute), config, logger)
    {
    }

    /// <summary>Creates a client for the server at <paramref name="baseAddress"/>.</summary>
    public VideoTranslationClient(Uri baseAddress, TranslationConfig? config = null, ILogger<VideoTranslationClient>? logger = null)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan }, ownsHttpClient: true, config, logger, TimeProvider.System)
    {
    }

    /// <summary>
    /// Creates a client on a given <see cref="HttpClient"/> (e.g. one from <c>IHttpClientFactory</c>), whose
    /// <see cref="HttpClient.BaseAddress"/> must be set. The client does not dispose it.
    /// </summary>
    public VideoTranslationClient(HttpClient httpClient, TranslationConfig? config = null, ILogger<VideoTranslationClient>? logger = null)
        : this(httpClient, ownsHttpClient: false, config, logger, TimeProvider.System)
    {
    }

    internal VideoTranslationClient(HttpClient httpClient, bool ownsHttpClient, TranslationConfig? config, ILogger? logger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the server's URL, e.g. http://localhost:8000.", nameof(httpClient));
        }

        // A base address without a trailing slash would drop its last segment when relative paths are resolved.
        if (!httpClient.BaseAddress.AbsoluteUri.EndsWith('/'))
        {
            httpClient.BaseAddress = new Uri(httpClient.BaseAddress.AbsoluteUri + "/");
        }

        Config = config ?? new TranslationConfig();
        Config.Validate();
        http = httpClient;
        this.ownsHttpClient = ownsHttpClient;
        this.clock = clock;
        this.logger = logger ?? NullLogger.Instance;
        retry = TransientRetry.CreatePipeline(Config, this.logger);
        uploadRetry = TransientRetry.CreatePipeline(Config, this.logger, perAttemptTimeout: false);
        schedule = new PollingDelaySchedule(Config);
    }

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>The waiting and retry settings in use (validated).</summary>
    public TranslationConfig Config { get; }

    /// <summary>
    /// Starts a translation job. The client chooses the job id (or uses <paramref name="jobId"/>), so a retried
    /// request can never start a second job.
    /// </summary>
    /// <returns>The started operation; its <see cref="TranslationOperation.JobId"/> identifies the job.</returns>
    public async Task<TranslationOperation> StartTranslationAsync(
        string sourceLanguage, string targetLanguage, string? jobId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceLanguage);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetLanguage);
        var request = new StartTranslationRequest(jobId ?? Guid.NewGuid().ToString(), sourceLanguage, targetLanguage);

        var started = await SendAsync<StartTranslationResponse>(
            () => new HttpRequestMessage(HttpMethod.Post, "translate") { Content = JsonContent.Create(request, options: ClientJson.Options) },
            cancellationToken);
        LogStarted(started.JobId, sourceLanguage, targetLanguage);
        return new TranslationOperation(this, started.JobId);
    }

    /// <summary>Starts a translation job; same as the other overload.</summary>
    public Task<TranslationOperation> StartTranslationAsync(string sourceLanguage, string targetLanguage, CancellationToken cancellationToken) =>
        StartTranslationAsync(sourceLanguage, targetLanguage, jobId: null, cancellationToken);

    /// <summary>Gets a job's current status once.</summary>
    public Task<TranslationJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return SendAsync<TranslationJob>(() => new HttpRequestMessage(HttpMethod.Get, $"job/{Uri.EscapeDataString(jobId)}"), cancellationToken);
    }

    /// <summary>An operation for a job started elsewhere (another process, an earlier run): rehydration by id.</summary>
    public TranslationOperation GetOperation(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return new TranslationOperation(this, jobId);
    }

    /// <summary>
    /// Waits until the job completes and returns it, learning of the end as soon as the server allows with as few
    /// requests as it can (see <see cref="WaitMode"/>), never past <see cref="TranslationConfig.BaseTimeout"/>.
    /// </summary>
    /// <exception cref="TranslationException">The job ended in error.</exception>
    /// <exception cref="TimeoutException">The job was still running after <see cref="TranslationConfig.BaseTimeout"/>.</exception>
    public Task<TranslationJob> WaitForCompletionAsync(string jobId, CancellationToken cancellationToken = default) =>
        WaitForCompletionAsync(jobId, progress: null, cancellationToken);

    /// <summary>Waits until the job completes, reporting each status seen to <paramref name="progress"/>.</summary>
    public Task<TranslationJob> WaitForCompletionAsync(string jobId, IProgress<TranslationJob>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return WaitAsync(jobId, JobView<TranslationJob>.Seed(jobId), progress, cancellationToken);
    }

    /// <summary>Disposes the HttpClient if this client created it.</summary>
    public void Dispose()
    {
        if (ownsHttpClient)
        {
            http.Dispose();
        }
    }

    /// <summary>Same as <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken, bool upload = false)
    {
        using var response = await SendRawAsync(createRequest, HttpCompletionOption.ResponseContentRead, upload ? uploadRetry : retry, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken)
               ?? throw new HttpRequestException($"The server at {BaseAddress} answered {(int)response.StatusCode} with an empty body.");
    }

    /// <summary>Adds the API key, if there is one.</summary>
    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        if (Config.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    /// <summary>Sends through <paramref name="pipeline"/> (transient retries) and returns a successful response, or throws the matching exception.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(
        Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, ResiliencePipeline<HttpResponseMessage> pipeline, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = Authorized(createRequest());
                    return await http.SendAsync(request, completion, token);
                },
                cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new HttpRequestException(
                $"The server at {BaseAddress} did not answer within {Config.RequestTimeout.TotalSeconds:0.###} s, {Config.MaxRetries + 1} times.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException(
                $"Could not reach the server at {BaseAddress} ({Config.MaxRetries + 1} attempts): {ex.Message}", ex, ex.StatusCode);
        }

        if (response.IsSuccessStatusCode)
        {
            features.Learn(response);
            return response;
        }

        using (response)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            if (TransientRetry.IsTransient(response.StatusCode))
            {
                throw new HttpRequestException(
                    $"The server at {BaseAddress} kept failing ({Config.MaxRetries + 1} attempts): {(int)response.StatusCode} {problem?.Detail ?? response.ReasonPhrase}",
                    null,
                    response.StatusCode);
            }

            throw new TranslationApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail, problem?.Errors, problem?.Code);
        }
    }

    private static async Task<ProblemResponse?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemResponse>(ClientJson.Options, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null; // Not a problem details body; the status code says enough.
        }
    }

    [LoggerMessage(LogLevel.Information, "Started translation job {JobId} ({Source} -> {Target})")]
    private partial void LogStarted(string jobId, string source, string target);

    [LoggerMessage(LogLevel.Debug, "Job {JobId} pending; next check in {DelaySeconds:0.00} s")]
    private partial void LogPending(string jobId, double delaySeconds);

    [LoggerMessage(LogLevel.Information, "Job {JobId} completed ({Polls} status requests)")]
    private partial void LogCompleted(string jobId, int polls);

    [LoggerMessage(LogLevel.Information, "Job {JobId} failed: {ErrorMessage}")]
    private partial void LogFailed(string jobId, string? errorMessage);
}
