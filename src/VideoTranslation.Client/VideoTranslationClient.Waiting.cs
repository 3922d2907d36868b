using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.Client;

/// <summary>
/// Waiting for a job, as few requests and as little delay as the server allows. In order of preference: one
/// server-sent event stream; long-polls the server holds until the job changes; polls timed by the server's ETA and
/// <c>Retry-After</c>; the seed's progressive delay with full jitter. What the server offers is learned from its
/// answers (see <see cref="ServerFeatures"/>), so a seed-style server simply gets polled. Network failures, 429 and
/// 503 mid-wait are waited out (honouring <c>Retry-After</c>) until the deadline: a server restart costs a job nothing.
/// </summary>
public sealed partial class VideoTranslationClient
{
    // The server pings idle streams every 15 s; a stream silent for this long is presumed dead and reopened.
    private static readonly TimeSpan EventStreamIdleTimeout = TimeSpan.FromSeconds(45);

    private readonly ServerFeatures features = new();

    private async Task<T> WaitAsync<T>(string jobId, JobView<T> view, IProgress<T>? progress, CancellationToken cancellationToken)
        where T : class
    {
        var deadline = clock.GetUtcNow() + Config.BaseTimeout;
        using var timeout = new CancellationTokenSource(Config.BaseTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var state = new WaitState<T>(jobId, view, progress);

        try
        {
            while (true)
            {
                TimeSpan pause;
                try
                {
                    var mode = ChooseMode();
                    var finished = mode == WaitMode.ServerSentEvents
                        ? await FollowEventsAsync(state, linked.Token)
                        : await PollOnceAsync(state, mode, deadline, linked.Token);
                    if (finished is not null)
                    {
                        return Finish(state, finished);
                    }

                    state.Failures = 0;
                    pause = mode switch
                    {
                        WaitMode.ServerSentEvents => TimeSpan.Zero, // reconnect at once, resuming after the last event
                        WaitMode.LongPoll when features.LongPoll => TimeSpan.Zero,
                        WaitMode.Polling => state.Backoff(schedule, Config),
                        _ => state.Hinted(Config) ?? state.Backoff(schedule, Config),
                    };
                }
                catch (HttpRequestException ex) when (!linked.IsCancellationRequested)
                {
                    // The server is down, restarting, or overloaded: wait it out, backing off, until the deadline.
                    state.Failures++;
                    pause = ex.Data["RetryAfter"] as TimeSpan? ?? TransientDelay(state.Failures);
                    LogWaitRetry(jobId, ex.Message, pause.TotalSeconds);
                }

                var remaining = deadline - clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                if (pause > TimeSpan.Zero)
                {
                    LogPending(jobId, pause.TotalSeconds);
                    await Task.Delay(pause < remaining ? pause : remaining, clock, linked.Token);
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline fell during a request or a pause.
        }

        throw new TimeoutException(
            $"Translation job '{jobId}' did not finish within {Config.BaseTimeout.TotalSeconds:0.###} s " +
            $"(last status: {(state.Last is null ? "unknown" : view.Status(state.Last).ToString().ToLowerInvariant())}). " +
            "Wait longer with a larger BaseTimeout, or call WaitForCompletionAsync again.");
    }

    private WaitMode ChooseMode() => Config.WaitMode switch
    {
        WaitMode.Auto or WaitMode.ServerSentEvents when features.Events => WaitMode.ServerSentEvents,

        // Asking to be held costs nothing: a server that cannot long-poll answers at once, and is asked no more.
        WaitMode.Auto or WaitMode.ServerSentEvents or WaitMode.LongPoll when features.LongPoll || !features.LongPollAsked => WaitMode.LongPoll,
        WaitMode.Auto or WaitMode.ServerSentEvents or WaitMode.LongPoll => WaitMode.HintedPolling,
        var chosen => chosen,
    };

    private T Finish<T>(WaitState<T> state, T job)
        where T : class
    {
        if (state.View.Status(job) == TranslationJobStatus.Completed)
        {
            LogCompleted(state.JobId, state.Requests);
            return job;
        }

        LogFailed(state.JobId, state.View.Status(job).ToString().ToLowerInvariant());
        throw state.View.Failure(job);
    }

    /// <summary>One status request (held by the server for a long-poll); the job if it finished, else null.</summary>
    private async Task<T?> PollOnceAsync<T>(WaitState<T> state, WaitMode mode, DateTimeOffset deadline, CancellationToken cancellationToken)
        where T : class
    {
        var wait = TimeSpan.Zero;
        if (mode == WaitMode.LongPoll)
        {
            var remaining = deadline - clock.GetUtcNow();
            wait = remaining < Config.LongPollWait ? remaining : Config.LongPollWait;
        }

        // Where the server has the v1 API, its resource says more (stage, progress, ETA) for either kind of job.
        var v1 = features.V1 || state.View.IsV1;
        var path = v1 ? JobView<T>.V1Path(state.JobId) : state.View.Path;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            attempt.CancelAfter(wait + Config.RequestTimeout);
        }

        state.Requests++;
        using var response = await SendRawAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (wait > TimeSpan.Zero)
                {
                    request.Headers.Add("Prefer", string.Create(CultureInfo.InvariantCulture, $"wait={Math.Max(1, (int)wait.TotalSeconds)}"));
                }

                return request;
            },
            HttpCompletionOption.ResponseContentRead,
            wait > TimeSpan.Zero ? uploadRetry : retry,
            attempt.Token);

        if (wait > TimeSpan.Zero)
        {
            features.LongPollAnswered(response);
        }

        var resource = v1 ? await ReadJsonAsync<VideoJob>(response, cancellationToken) : null;
        var job = resource is null ? await ReadJsonAsync<T>(response, cancellationToken) : state.View.FromV1(resource);
        state.Seen(job, resource?.EtaSeconds, ServerFeatures.RetryAfter(response.Headers.RetryAfter));
        return state.View.Status(job) is TranslationJobStatus.Pending or TranslationJobStatus.Unknown ? null : job;
    }

    /// <summary>
    /// Follows the job's event stream until its last event; the job if it finished, null if the stream broke off
    /// (the caller reconnects, resuming after the last event seen).
    /// </summary>
    private async Task<T?> FollowEventsAsync<T>(WaitState<T> state, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, JobView<T>.V1Path(state.JobId) + "/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (state.LastEventId is { } lastEventId)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(Config.RequestTimeout);
        state.Requests++;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(Authorized(request), HttpCompletionOption.ResponseHeadersRead, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The server at {BaseAddress} did not open the event stream within {Config.RequestTimeout.TotalSeconds:0.###} s.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                await StreamRefusedAsync(response, cancellationToken);
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            try
            {
                idle.CancelAfter(EventStreamIdleTimeout);
                var parser = SseParser.Create(stream, (type, data) => type == "ping" ? null : JsonSerializer.Deserialize<VideoJob>(data, ClientJson.Options));
                await foreach (var item in parser.EnumerateAsync(idle.Token))
                {
                    idle.CancelAfter(EventStreamIdleTimeout);
                    if (item.Data is not { } resource)
                    {
                        continue;
                    }

                    state.LastEventId = item.EventId ?? state.LastEventId;
                    var job = state.View.FromV1(resource);
                    state.Seen(job, resource.EtaSeconds, null);
                    if (resource.IsFinished)
                    {
                        return job;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogStreamBroke(state.JobId, ex.Message);
            }
        }

        return null; // the connection dropped or went quiet: reconnect with Last-Event-ID
    }

    /// <summary>The event stream was refused: wait out a transient refusal, give up on streams for any other.</summary>
    private async Task StreamRefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (TransientRetry.IsTransient(response.StatusCode))
        {
            var refused = new HttpRequestException(
                $"The server at {BaseAddress} answered the event stream with {(int)response.StatusCode}.", null, response.StatusCode);
            refused.Data["RetryAfter"] = ServerFeatures.RetryAfter(response.Headers.RetryAfter);
            throw refused;
        }

        if (response.StatusCode == HttpStatusCode.NotFound && await ReadProblemAsync(response, cancellationToken) is { Code: "job_not_found", Detail: { } detail })
        {
            throw new TranslationApiException(response.StatusCode, "Not Found", detail, null, "job_not_found");
        }

        features.EventsFailed();
        LogStreamUnavailable((int)response.StatusCode);
    }

    /// <summary>Backoff between attempts while the server is unreachable: exponential from <see cref="TranslationConfig.RetryBaseDelay"/>, capped, jittered.</summary>
    private TimeSpan TransientDelay(int failures)
    {
        var cap = Math.Max(Config.MaxDelay.TotalSeconds, 1);
        var full = Math.Min(cap, Math.Max(Config.RetryBaseDelay.TotalSeconds, 0.05) * Math.Pow(2, failures - 1));
        return TimeSpan.FromSeconds((full / 2) + (Random.Shared.NextDouble() * full / 2));
    }

    private static async Task<TJson> ReadJsonAsync<TJson>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<TJson>(ClientJson.Options, cancellationToken)
        ?? throw new HttpRequestException($"The server answered {(int)response.StatusCode} with an empty body.");

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: {Reason}; trying again in {DelaySeconds:0.00} s")]
    private partial void LogWaitRetry(string jobId, string reason, double delaySeconds);

    [LoggerMessage(LogLevel.Debug, "Job {JobId}: event stream broke off ({Reason}); resuming")]
    private partial void LogStreamBroke(string jobId, string reason);

    [LoggerMessage(LogLevel.Information, "The server refused event streams ({Status}); polling instead")]
    private partial void LogStreamUnavailable(int status);
}
