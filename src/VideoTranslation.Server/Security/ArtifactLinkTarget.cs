namespace VideoTranslation.Server.Security;

/// <summary>
/// Endpoint metadata: a signed artifact link may open this endpoint (an artifact's download, GET or HEAD), and a link
/// opens no endpoint without it.
/// </summary>
public sealed class ArtifactLinkTarget
{
    public static readonly ArtifactLinkTarget Instance = new();

    private ArtifactLinkTarget()
    {
    }
}
