namespace VideoTranslation.Domain;

/// <summary>What a job does: the seed's simulated translation, or a real video translation (v1 API).</summary>
public enum JobKind
{
    Simulated,
    Video,
}
