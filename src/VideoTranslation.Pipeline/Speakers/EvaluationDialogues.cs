namespace VideoTranslation.Pipeline.Speakers;

/// <summary>
/// The dialogues diarization is measured on (tests and benchmark alike): two and three speakers from different
/// synthetic voices, at least 30 seconds each, with turns from a few words to several sentences.
/// </summary>
public static class EvaluationDialogues
{
    private static readonly string[] Turns =
    [
        "Good morning. Did you sleep well last night?",
        "Yes, thank you.",
        "We have a long day ahead of us, so let us start with the schedule. The train leaves at nine and we should be at the station early.",
        "I will bring the tickets.",
        "Perfect. After the meeting we can have lunch near the river, where the small restaurant opened last spring.",
        "That sounds lovely. I heard the fish there is very good, and the prices are fair.",
        "Right.",
        "Then in the afternoon we visit the museum. It closes at six, so we have about three hours to see everything.",
        "Three hours is enough for me. I mostly want to see the old maps and the paintings of the harbour.",
        "Agreed. And tomorrow we rest.",
        "Of course.",
        "Let us meet at the hotel door at half past eight.",
    ];

    /// <summary>
    /// Each dialogue's name and lines; speakers are labelled by the voice that plays them. Two monologues come first: one
    /// speaker must stay one (most videos have one), whatever the pauses and sentence lengths.
    /// </summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<SampleDialogue.Line> Lines)> All { get; } =
    [
        ("one: rms", Cast(["flite:rms"], [0])),
        ("one: espeak en+f3", Cast(["espeak:en+f3"], [0])),
        ("two: rms, slt", Cast(["flite:rms", "flite:slt"], [0, 1])),
        ("two: awb, kal", Cast(["flite:awb", "flite:kal"], [0, 1])),
        ("three: rms, slt, awb", Cast(["flite:rms", "flite:slt", "flite:awb"], [0, 1, 2, 1, 0, 2])),
        ("three: kal, espeak en+f3, rms", Cast(["flite:kal", "espeak:en+f3", "flite:rms"], [0, 1, 0, 2, 1, 2])),
        ("two: rms, awb", Cast(["flite:rms", "flite:awb"], [1, 0, 0, 1])),
        ("three: slt, espeak en+m3, awb", Cast(["flite:slt", "espeak:en+m3", "flite:awb"], [0, 1, 2, 2, 0, 1, 1, 0])),
    ];

    /// <summary>The dialogue of a low voice (flite <c>rms</c>, S1) and a high one (<c>slt</c>, S2): what the tests of a whole job use.</summary>
    public static IReadOnlyList<SampleDialogue.Line> LowAndHigh => All.Single(dialogue => dialogue.Name == "two: rms, slt").Lines;

    /// <summary>The turns in order, speakers taking them by <paramref name="order"/> repeated.</summary>
    private static List<SampleDialogue.Line> Cast(string[] voices, int[] order) =>
        [.. Turns.Select((text, i) => voices[order[i % order.Length]] is var voice
            ? new SampleDialogue.Line(voice.Split(':')[1], voice, text)
            : null!)];
}
