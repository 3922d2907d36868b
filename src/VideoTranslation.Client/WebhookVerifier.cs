using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VideoTranslation.Client.Internal;

namespace VideoTranslation.Client;

/// <summary>
/// Checks that a webhook came from the VideoTranslation server, per the Standard Webhooks spec: the
/// <c>webhook-signature</c> header must hold an HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> under the
/// server's secret (compared in constant time), and the timestamp must be recent, so a captured request cannot be
/// replayed later.
/// </summary>
/// <example>
/// In an ASP.NET Core app:
/// <code>
/// app.MapPost("/hooks/video", async (HttpRequest request, WebhookVerifier verifier) =>
/// {
///     var body = await new StreamReader(request.Body).ReadToEndAsync();
///     var webhook = verifier.Verify(body, name => request.Headers[name]);
///     // webhook.Type is "job.completed", "job.failed" or "job.cancelled"; webhook.Job is the job.
///     return Results.NoContent();
/// });
/// </code>
/// </example>
public sealed class WebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private readonly byte[] key;
    private readonly TimeProvider clock;

    /// <summary>Creates a verifier for the server's secret (<c>whsec_...</c>, from <c>vts webhook-secret</c> or <c>Webhooks:Secret</c>).</summary>
    public WebhookVerifier(string secret, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The webhook secret must be 'whsec_' followed by base64.", nameof(secret), ex);
        }

        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>How far the timestamp may be from now, either way. Five minutes by default, as the spec suggests.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Verifies a webhook and returns what it says. <paramref name="header"/> looks up a request header by name
    /// (e.g. <c>name => request.Headers[name]</c>); <paramref name="body"/> is the raw body, exactly as received.
    /// </summary>
    /// <exception cref="WebhookVerificationException">The signature or the timestamp does not check out.</exception>
    public JobWebhook Verify(string body, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(header);
        var id = header("webhook-id");
        var timestamp = header("webhook-timestamp");
        var signatures = header("webhook-signature");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            throw new WebhookVerificationException("The request lacks a webhook-id, webhook-timestamp or webhook-signature header.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WebhookVerificationException("The webhook-timestamp header is not a Unix time in seconds.");
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > Tolerance)
        {
            throw new WebhookVerificationException($"The webhook timestamp is {age.TotalSeconds:0} s from now, beyond the {Tolerance.TotalSeconds:0} s tolerance (a replay, or a clock off).");
        }

        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        var valid = signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(signature => signature.StartsWith("v1,", StringComparison.Ordinal))
            .Any(signature => Matches(signature[3..], expected));
        if (!valid)
        {
            throw new WebhookVerificationException("The webhook signature does not match: the body was altered, or the secret is not this server's.");
        }

        var webhook = JsonSerializer.Deserialize<JobWebhook>(body, ClientJson.Options)
                      ?? throw new WebhookVerificationException("The webhook body is empty.");
        return webhook with { Id = id };
    }

    private static bool Matches(string base64, byte[] expected)
    {
        var actual = new byte[64];
        return Convert.TryFromBase64String(base64, actual, out var length) &&
               CryptographicOperations.FixedTimeEquals(actual.AsSpan(0, length), expected);
    }
}

/// <summary>A verified webhook: <see cref="Type"/> is <c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
/// <param name="Id">The <c>webhook-id</c>: the same on every retry of one message, so receivers can drop duplicates.</param>
/// <param name="Type">What happened.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Data">The job as <c>GET /v1/jobs/{id}</c> showed it then.</param>
public sealed record JobWebhook(string Id, string Type, DateTimeOffset Timestamp, VideoJob? Data);

/// <summary>A webhook failed verification; answer it with 400 or 401 and ignore it.</summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookVerificationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WebhookVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
