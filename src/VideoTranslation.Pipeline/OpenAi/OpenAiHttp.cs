using System.Net.Http.Headers;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.OpenAi;

/// <summary>Requests to an OpenAI-compatible server: its base URL, the bearer token, and errors that say what the server said.</summary>
internal static class OpenAiHttp
{
    public static HttpRequestMessage Request(OpenAiOptions options, HttpMethod method, string path, HttpContent content, string engine)
    {
        if (!options.IsConfigured)
        {
            throw new ToolException(engine, $"The {engine} engine needs an OpenAI-compatible server: set OpenAi:BaseUrl (VTS_OpenAi__BaseUrl), e.g. http://127.0.0.1:8080/v1.");
        }

        var request = new HttpRequestMessage(method, options.BaseUrl!.TrimEnd('/') + "/" + path) { Content = content };
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        return request;
    }

    /// <summary>Sends, and turns a failure status into an exception carrying the server's words (transient: the job is retried).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string engine, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException(
                $"The {engine} server answered {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] + "…" : body)}", null, response.StatusCode);
        }

        return response;
    }
}
