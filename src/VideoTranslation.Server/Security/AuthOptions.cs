using System.ComponentModel.DataAnnotations;
using System.Net;

namespace VideoTranslation.Server.Security;

/// <summary>Whether requests need an API key. Bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// <c>auto</c> (the default): keys are required unless the server listens on loopback addresses only;
    /// <c>required</c>: always; <c>disabled</c>: never, even on a public address (said loudly at start).
    /// </summary>
    [RegularExpression("^(auto|required|disabled)$", ErrorMessage = "Auth:Mode must be 'auto', 'required' or 'disabled'.")]
    public string Mode { get; set; } = "auto";

    /// <summary>Whether requests need a key, given the addresses the process listens on (<paramref name="urls"/>, ';'-separated).</summary>
    public bool KeysRequired(string? urls) => Mode switch
    {
        "required" => true,
        "disabled" => false,
        _ => !LoopbackOnly(urls),
    };

    /// <summary>True when every address is a loopback one (127.0.0.0/8, ::1, localhost); none at all counts as loopback.</summary>
    public static bool LoopbackOnly(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
        {
            // Kestrel's wildcards ("http://*:80", "http://+:80") are not URIs System.Uri accepts as hosts.
            var host = Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.Host.Trim('[', ']')
                : "";
            return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        });
}
