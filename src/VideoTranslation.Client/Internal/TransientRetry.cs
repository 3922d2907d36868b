using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace VideoTranslation.Client.Internal;

/// <summary>
/// Retries of transient HTTP failures, built on Polly: network errors, per-attempt timeouts, 408, 429 and 5xx,
/// with exponential backoff and jitter, honouring the server's <c>Retry-After</c>.
/// </summary>
internal static partial class TransientRetry
{
    // perAttemptTimeout: bound each attempt by RequestTimeout; off for uploads, which take as long as the file needs.
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(TranslationConfig config, ILogger logger, bool perAttemptTimeout = true)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (config.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = config.MaxRetries,
                Delay = config.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult(ServerFeatures.RetryAfter(args.Outcome.Result?.Headers.RetryAfter)),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, config.MaxRetries, args.RetryDelay.TotalSeconds,
                        args.Outcome.Exception?.Message ?? $"HTTP {(int?)args.Outcome.Result?.StatusCode}");
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return perAttemptTimeout ? builder.AddTimeout(config.RequestTimeout).Build() : builder.Build();
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    [LoggerMessage(LogLevel.Warning, "Transient failure ({Reason}); retry {Attempt} of {MaxRetries} in {DelaySeconds:0.00} s")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxRetries, double delaySeconds, string reason);
}
