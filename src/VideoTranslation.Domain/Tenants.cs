namespace VideoTranslation.Domain;

/// <summary>
/// Tenants own jobs: every API key belongs to one, and a tenant sees only its own jobs. A server that runs open
/// (no keys, loopback only) serves everyone as <see cref="Default"/>.
/// </summary>
public static class Tenants
{
    public const string Default = "default";

    /// <summary>1-64 characters: lowercase letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 64 } && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0])) &&
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
}
