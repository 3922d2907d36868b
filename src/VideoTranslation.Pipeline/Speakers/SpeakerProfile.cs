namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// A speaker of the media: its label (<c>S1</c>, <c>S2</c>, … in order of first appearance), the median pitch of its
/// voiced speech (Hz; 0 where it was not measured), and the name provided subtitles gave it, if any.
/// </summary>
public sealed record SpeakerProfile(string Id, double MedianPitchHz, string? Name = null)
{
    /// <summary>The label of the <paramref name="index"/>th speaker (from 0).</summary>
    public static string Label(int index) => $"S{index + 1}";

    /// <summary>Whether <paramref name="value"/> is a speaker label, <c>S1</c> to <c>S10</c>.</summary>
    public static bool IsLabel(string value) =>
        value.Length is 2 or 3 && value[0] == 'S' && int.TryParse(value.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && number is >= 1 and <= SpeakerDiarizer.MaxSpeakers && value[1] != '0';
}
