namespace VideoTranslation.Pipeline.Speakers;

/// <summary>A stretch of speech by one speaker (<c>S1</c>, <c>S2</c>, … in order of first appearance).</summary>
public sealed record SpeakerTurn(TimeSpan Start, TimeSpan End, string Speaker)
{
    public TimeSpan Duration => End - Start;
}
