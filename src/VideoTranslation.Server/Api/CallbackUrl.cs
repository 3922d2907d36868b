namespace VideoTranslation.Server.Api;

/// <summary>Checks a job's <c>callback_url</c>: an absolute http(s) URL of sensible length, without credentials.</summary>
internal static class CallbackUrl
{
    public const int MaxLength = 2000;

    /// <summary>True when <paramref name="value"/> is absent or a usable URL; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? value, out string? url, out string? error)
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
        else
        {
            url = uri.AbsoluteUri;
        }

        return error is null;
    }
}
