namespace VideoTranslation.Server.Api;

/// <summary>Checks a job's <c>callback_url</c>: an absolute http(s) URL of sensible length, without credentials.</summary>
internal static class CallbackUrl
{
    public const int MaxLength = 2000;

    /// <summary>
    /// True when <paramref name="value"/> is absent or a usable URL; <paramref name="error"/> says what is wrong
    /// otherwise. Unless <paramref name="allowPrivateNetworks"/>, a literal private address or localhost is refused
    /// here already (names are checked again where they resolve, at every delivery).
    /// </summary>
    public static bool TryParse(string? value, bool allowPrivateNetworks, out string? url, out string? error)
    {
        url = null;
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (value.Length > MaxLength)
        {
            error = $"callback_url is longer than {MaxLength} characters.";
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = "callback_url must be an absolute http:// or https:// URL, e.g. https://example.com/hooks/video.";
        }
        else if (uri.UserInfo.Length > 0)
        {
            error = "callback_url must not carry credentials; webhooks are signed (webhook-signature) so the receiver can trust them.";
        }
        else if (!allowPrivateNetworks && Security.NetworkPolicy.NonPublicHost(uri.AbsoluteUri) is { } reason)
        {
            error = $"callback_url must reach a public internet address: {reason} (an operator can allow private networks with Webhooks:AllowPrivateNetworks).";
        }
        else
        {
            url = uri.AbsoluteUri;
        }

        return error is null;
    }
}
