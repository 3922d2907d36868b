using System.Diagnostics.CodeAnalysis;

namespace VideoTranslation.Domain;

/// <summary>
/// A job identifier: server-made (a UUID) or chosen by the client to make a submission idempotent.
/// Restricted to characters that are safe in URLs, file names and logs.
/// </summary>
public readonly record struct JobId
{
    public const int MaxLength = 128;

    private JobId(string value) => Value = value;

    public string Value { get; }

    public static JobId New() => new(Guid.NewGuid().ToString());

    public static bool TryParse([NotNullWhen(true)] string? value, out JobId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "A job id must not be empty.";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"A job id is at most {MaxLength} characters long; this one has {value.Length}.";
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(value[0]) || !value.All(IsAllowed))
        {
            error = "A job id starts with a letter or digit and contains only ASCII letters, digits, '-', '_' and '.'.";
            return false;
        }

        id = new JobId(value);
        error = null;
        return true;
    }

    public static JobId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error);

    public override string ToString() => Value;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
