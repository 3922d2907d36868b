namespace VideoTranslation.Client;

/// <summary>
/// A signed URL that downloads one artifact without the API key (HTTP ranges work) until <paramref name="ExpiresAt"/>,
/// or until the key that made it is revoked. Anyone holding it can read the file: hand it out as you would the file.
/// </summary>
public sealed record ArtifactLink(Uri Url, DateTimeOffset ExpiresAt);
