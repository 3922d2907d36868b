using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

public class SubtitleFormatTests
{
    private static readonly Cue[] Cues =
    [
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3.5), ["Hello there."]),
        new(TimeSpan.FromSeconds(3.6), TimeSpan.FromSeconds(3723.004), ["Fish & chips", "<not a tag>"]),
    ];

    [Fact]
    public void Writes_srt()
    {
        Assert.Equal(
            "1\n00:00:01,000 --> 00:00:03,500\nHello there.\n\n2\n00:00:03,600 --> 01:02:03,004\nFish & chips\n<not a tag>\n\n",
            SubtitleWriter.Write(Cues, SubtitleFormat.Srt));
    }

    [Fact]
    public void Writes_webvtt_escaping_markup_characters()
    {
        Assert.Equal(
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello there.\n\n00:00:03.600 --> 01:02:03.004\nFish &amp; chips\n&lt;not a tag>\n\n",
            SubtitleWriter.Write(Cues, SubtitleFormat.WebVtt));
    }

    [Theory]
    [InlineData(SubtitleFormat.Srt)]
    [InlineData(SubtitleFormat.WebVtt)]
    public void What_is_written_parses_back_the_same(SubtitleFormat format)
    {
        var parsed = SubtitleParser.Parse(SubtitleWriter.Write(Cues, format));

        Assert.Equal(Cues.Length, parsed.Count);
        Assert.All(Cues.Zip(parsed), pair =>
        {
            Assert.Equal(pair.First.Start, pair.Second.Start);
            Assert.Equal(pair.First.End, pair.Second.End);
            Assert.Equal(pair.First.Lines, pair.Second.Lines);
        });
    }

    [Theory]
    [InlineData(SubtitleFormat.Srt)]
    [InlineData(SubtitleFormat.WebVtt)]
    public void A_line_break_inside_a_line_cannot_write_a_cue_of_its_own(SubtitleFormat format)
    {
        Cue[] cues = [new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), ["Hola\n\n2\n00:00:05,000 --> 00:00:09,000\r\nInjected"])];

        var parsed = SubtitleParser.Parse(SubtitleWriter.Write(cues, format));

        Assert.Equal("Hola 2 00:00:05,000 --> 00:00:09,000 Injected", Assert.Single(parsed).Text);
    }

    [Fact]
    public void Reads_real_world_webvtt_with_bom_crlf_ids_settings_notes_and_tags()
    {
        var vtt = "\uFEFFWEBVTT - a title\r\n\r\nNOTE written by hand\r\nsecond note line\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n" +
                  "intro\r\n00:01.000 --> 00:02.500 align:start position:10%\r\n<v Anna><i>Hi</i> there</v>\r\n\r\n" +
                  "00:00:03.000 --> 00:00:04.000\r\nSecond &amp; last\r\n";

        var cues = SubtitleParser.Parse(vtt);

        Assert.Equal(2, cues.Count);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5), "Hi there"), (cues[0].Start, cues[0].End, cues[0].Text));
        Assert.Equal("Second & last", cues[1].Text);
    }

    [Fact]
    public void Reads_srt_without_cue_numbers()
    {
        var cues = SubtitleParser.Parse("00:00:01,000 --> 00:00:02,000\nOne\n\n00:00:02,500 --> 00:00:03,000\nTwo\n");
        Assert.Equal(["One", "Two"], cues.Select(cue => cue.Text));
    }

    [Theory]
    [InlineData("", "no cues")]
    [InlineData("WEBVTT\n\n", "no cues")]
    [InlineData("This is not a subtitle file.\nAt all.\n", "Line 2: expected a timing line")]
    [InlineData("1\n00:00:05,000 --> 00:00:04,000\nBackwards\n", "Line 2: the cue ends")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nFine\n\n2\n00:00:0x,000 --> 00:00:03,000\nBroken\n", "Line 6: expected a timing line")]
    public void Reports_what_does_not_parse_with_its_line(string content, string expected)
    {
        var error = Assert.Throws<SubtitleFormatException>(() => SubtitleParser.Parse(content));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
