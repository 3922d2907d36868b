namespace VideoTranslation.Server.Security;

/// <summary>
/// What a signed artifact link grants: the artifact <see cref="Name"/> of job <see cref="JobId"/> (the one created at
/// <see cref="JobCreatedAt"/>: a seed id used again after a delete is another job) until <see cref="ExpiresAt"/>, on
/// behalf of the API key <see cref="KeyId"/> (null when made on an open server without one).
/// </summary>
public sealed record ArtifactLinkClaims(string? KeyId, string JobId, DateTimeOffset JobCreatedAt, string Name, DateTimeOffset ExpiresAt);
