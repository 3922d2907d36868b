using System.Net;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Fetches a job's video from its <c>source_url</c> instead of an uploaded file: public addresses only (each
/// connection is checked where the name resolves, and every redirect hop is checked again), at most
/// <see cref="ApiOptions.MaxUploadBytes"/>, within <see cref="ApiOptions.SourceDownloadTimeout"/>.
/// </summary>
internal sealed class SourceDownloader(IHttpClientFactory clients, IOptions<ApiOptions> options)
{
    public const string HttpClientName = "Sources";

    private const int MaxRedirects = 5;

    /// <summary>Stores the video in the upload; returns why it could not be fetched, or null.</summary>
    public async Task<SubmissionRejection?> DownloadAsync(JobUpload upload, string sourceUrl, string directory, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.SourceDownloadTimeout);
        var url = sourceUrl;
        try
        {
            for (var hop = 0; hop <= MaxRedirects; hop++)
            {
                if (Refusal(url) is { } refused)
                {
                    return SubmissionRejection.Unprocessable(ErrorCodes.InvalidRequest, $"source_url: {refused}");
                }

                using var response = await clients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    url = new Uri(new Uri(url), location).AbsoluteUri;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return SubmissionRejection.Unprocessable(ErrorCodes.SourceUnavailable, $"source_url answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                if (response.Content.Headers.ContentLength > options.Value.MaxUploadBytes)
                {
                    return SubmissionRejection.Unprocessable(ErrorCodes.SourceTooLarge, $"source_url holds {response.Content.Headers.ContentLength} bytes; this server takes at most {options.Value.MaxUploadBytes}.");
                }

                await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                var fileName = Path.GetFileName(new Uri(url).AbsolutePath) is { Length: > 0 } name ? name : "source";
                return await upload.AddVideoAsync(body, fileName, directory, options.Value.MaxUploadBytes, deadline.Token)
                    ? null
                    : SubmissionRejection.Unprocessable(ErrorCodes.SourceTooLarge, $"source_url holds more than {options.Value.MaxUploadBytes} bytes, the most this server takes.");
            }

            return SubmissionRejection.Unprocessable(ErrorCodes.SourceUnavailable, $"source_url redirects more than {MaxRedirects} times.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SubmissionRejection.Unprocessable(ErrorCodes.SourceUnavailable, $"source_url did not deliver the video within {options.Value.SourceDownloadTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return SubmissionRejection.Unprocessable(ErrorCodes.SourceUnavailable, $"source_url could not be fetched: {ex.Message}");
        }
    }

    /// <summary>Why a URL (the first or a redirect's) may not be fetched; null when it may.</summary>
    private string? Refusal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || url.Length > 4000)
        {
            return $"'{ApiProblems.Echo(url, 80)}' is not an http:// or https:// URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "the URL must not carry credentials.";
        }

        return !options.Value.AllowPrivateSourceUrls && NetworkPolicy.NonPublicHost(uri.AbsoluteUri) is { } reason
            ? $"it must reach a public internet address: {reason} (an operator can allow private networks with Api:AllowPrivateSourceUrls)."
            : null;
    }
}
