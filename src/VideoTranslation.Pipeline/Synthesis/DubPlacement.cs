namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// Where one cue's synthesized speech goes in the dub track, and what it took to fit: one entry of the dubbing
/// report. The speech starts at <see cref="SlotStart"/> and plays for <see cref="Placed"/>.
/// </summary>
public sealed record DubPlacement(
    int Cue,
    TimeSpan SlotStart,
    TimeSpan SlotEnd,
    TimeSpan Synthesized,
    double SpeedUp,
    TimeSpan Placed,
    TimeSpan Overflow)
{
    /// <summary>Whether the speech runs past its cue into the silence after it.</summary>
    public bool BorrowedSilence => SlotStart + Placed > SlotEnd;
}
