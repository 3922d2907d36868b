using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Webhooks;

/// <summary>How job webhooks (<c>callback_url</c>) are signed and delivered. Bound from the <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The signing secret, <c>whsec_</c> and base64 (Standard Webhooks). Unset: one is generated on first use and kept
    /// in the database, so every node on that database signs alike; <c>vts webhook-secret</c> prints it.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Attempts per delivery before it is marked failed.</summary>
    [Range(1, 50, ErrorMessage = "Webhooks:MaxAttempts must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Pause before the first retry; it doubles with each failure (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries sent at once by this process.</summary>
    [Range(1, 256, ErrorMessage = "Webhooks:Concurrency must be between {1} and {2}.")]
    public int Concurrency { get; set; } = 4;

    /// <summary>How long after a rotation deliveries are signed with the previous secret too.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Whether callback URLs may point at loopback, private and link-local addresses (an internal receiver). Off by
    /// default: a client could otherwise make the server reach what only it can reach (SSRF).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Secret is { } secret && !WebhookSigner.TryParseSecret(secret, out _))
        {
            yield return new ValidationResult("Webhooks:Secret must be 'whsec_' followed by base64 of 24 to 64 random bytes.", [nameof(Secret)]);
        }

        if (RetryBaseDelay <= TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Webhooks:RetryBaseDelay must be positive and at most Webhooks:MaxRetryDelay.", [nameof(RetryBaseDelay)]);
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Webhooks:Timeout must be positive.", [nameof(Timeout)]);
        }
    }
}
