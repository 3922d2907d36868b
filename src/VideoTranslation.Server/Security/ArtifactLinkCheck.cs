namespace VideoTranslation.Server.Security;

/// <summary>What reading a signed artifact link found.</summary>
public enum ArtifactLinkCheck
{
    Invalid,
    Expired,
    Valid,
}
