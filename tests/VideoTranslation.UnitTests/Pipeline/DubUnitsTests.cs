using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.UnitTests.Pipeline;

public class DubUnitsTests
{
    [Fact]
    public void A_sentence_over_close_cues_is_spoken_as_one_utterance_over_their_time()
    {
        IReadOnlyList<Cue> cues = [Cue(1, 3, "Cuando paró la lluvia,"), Cue(3.1, 5, "salimos a jugar.")];

        var unit = Assert.Single(DubUnits.From([cues], ["Cuando paró la lluvia, salimos a jugar."]));

        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), (unit.Start, unit.End));
        Assert.Equal("Cuando paró la lluvia, salimos a jugar.", unit.Text);
    }

    [Fact]
    public void A_long_pause_inside_a_sentence_splits_its_dub_at_the_pause()
    {
        IReadOnlyList<Cue> cues = [Cue(1, 3, "Cuando paró la lluvia,"), Cue(6, 8, "salimos a jugar.")];

        var units = DubUnits.From([cues], ["Cuando paró la lluvia, salimos a jugar."]);

        Assert.Equal(["Cuando paró la lluvia,", "salimos a jugar."], units.Select(u => u.Text));
    }

    [Fact]
    public void Each_sentence_is_its_own_unit()
    {
        var units = DubUnits.From([[Cue(0, 1, "Sí.")], [Cue(1.2, 2, "No.")]], ["Sí.", "No."]);
        Assert.Equal(["Sí.", "No."], units.Select(u => u.Text));
    }

    private static Cue Cue(double start, double end, string text) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), [text]);
}
