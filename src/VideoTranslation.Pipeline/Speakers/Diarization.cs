using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>Who speaks when: the speakers found, and their turns in time order.</summary>
public sealed record Diarization(IReadOnlyList<SpeakerProfile> Speakers, IReadOnlyList<SpeakerTurn> Turns)
{
    /// <summary>The label of the first speaker, for speech no turn covers (a single speaker, or a word in a gap).</summary>
    public const string FirstSpeaker = "S1";

    public static Diarization OneSpeaker(double medianPitchHz = 0) => new([new SpeakerProfile(FirstSpeaker, medianPitchHz)], []);

    /// <summary>
    /// The speaker of the span from <paramref name="start"/> to <paramref name="end"/>: the one whose turns overlap it
    /// most, else the one whose turn is nearest (a word the speech detector left out of every turn).
    /// </summary>
    public string SpeakerAt(TimeSpan start, TimeSpan end)
    {
        if (Turns.Count == 0)
        {
            return Speakers.Count > 0 ? Speakers[0].Id : FirstSpeaker;
        }

        var best = Turns
            .GroupBy(turn => turn.Speaker)
            .Select(group => (Speaker: group.Key, Overlap: group.Sum(turn => Overlap(turn, start, end).TotalSeconds)))
            .MaxBy(candidate => candidate.Overlap);
        if (best.Overlap > 0)
        {
            return best.Speaker;
        }

        var middle = start + ((end - start) / 2);
        return Turns.MinBy(turn => middle < turn.Start ? turn.Start - middle : middle > turn.End ? middle - turn.End : TimeSpan.Zero)!.Speaker;
    }

    public string ToJson() => JsonSerializer.Serialize(this, DiarizationJson.Default.Diarization);

    public static Diarization FromJson(string json) =>
        JsonSerializer.Deserialize(json, DiarizationJson.Default.Diarization) ?? throw new JsonException("The diarization is empty.");

    private static TimeSpan Overlap(SpeakerTurn turn, TimeSpan start, TimeSpan end)
    {
        var overlap = (end < turn.End ? end : turn.End) - (start > turn.Start ? start : turn.Start);
        return overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(Diarization))]
internal sealed partial class DiarizationJson : JsonSerializerContext;
