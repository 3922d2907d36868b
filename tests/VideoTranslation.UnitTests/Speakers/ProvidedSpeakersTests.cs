using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Speakers;

/// <summary>Speakers named in subtitles (WebVTT voice spans), and speakers written back into WebVTT.</summary>
public sealed class ProvidedSpeakersTests
{
    private const string Dialogue = """
        WEBVTT

        00:00:01.000 --> 00:00:02.500
        <v Anna>Good morning, how are

        00:00:02.600 --> 00:00:04.000
        <v Anna>you today?

        00:00:04.500 --> 00:00:06.000
        <v.loud Ben &amp; co>Fine, thank you

        00:00:06.100 --> 00:00:07.000
        and you

        00:00:07.500 --> 00:00:09.000
        <v Anna>Very well.
        """;

    [Fact]
    public void Voice_spans_name_the_speakers_in_order_and_end_sentences_where_the_speaker_changes()
    {
        var cues = SubtitleParser.Parse(Dialogue);
        Assert.Equal(["Anna", "Anna", "Ben & co", null, "Anna"], cues.Select(cue => cue.Speaker));
        Assert.Equal("Fine, thank you", cues[2].Text); // the span is not part of the text

        var (transcript, sentences, speakers) = ProvidedSubtitles.ToSentences(cues, LanguageCode.Parse("en"));

        Assert.Equal([("S1", "Anna"), ("S2", "Ben & co")], speakers.Select(speaker => (speaker.Id, speaker.Name)));
        // Ben's unpunctuated lines end where Anna speaks again; a cue with no span is its predecessor's speaker's.
        Assert.Equal(["Good morning, how are you today?", "Fine, thank you and you", "Very well."], sentences.Select(sentence => sentence.Sentence.Text));
        Assert.Equal(["S1", "S2", "S1"], sentences.Select(sentence => sentence.Sentence.Speaker));
        Assert.Equal(["S1", "S1", "S2", "S2", "S1"], transcript.Segments.Select(segment => segment.Speaker));
        Assert.All(transcript.Words, word => Assert.NotNull(word.Speaker));
    }

    [Fact]
    public void Subtitles_without_spans_are_one_speakers()
    {
        var (_, sentences, speakers) = ProvidedSubtitles.ToSentences(SubtitleParser.Parse("1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"), LanguageCode.Parse("en"));

        Assert.Equal(["S1"], speakers.Select(speaker => speaker.Id));
        Assert.Equal("S1", sentences[0].Sentence.Speaker);
    }

    [Fact]
    public void WebVtt_marks_speakers_only_where_a_track_has_more_than_one()
    {
        Cue Cue(double start, string text, string speaker) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(start + 1), [text], speaker);

        var two = SubtitleWriter.Write([Cue(0, "Hola.", "S1"), Cue(2, "¿Qué <tal>?", "S2")], SubtitleFormat.WebVtt);
        var one = SubtitleWriter.Write([Cue(0, "Hola.", "S1"), Cue(2, "Adiós.", "S1")], SubtitleFormat.WebVtt);
        var srt = SubtitleWriter.Write([Cue(0, "Hola.", "S1"), Cue(2, "Adiós.", "S2")], SubtitleFormat.Srt);

        Assert.Contains("<v S1>Hola.\n", two, StringComparison.Ordinal);
        Assert.Contains("<v S2>¿Qué &lt;tal>?\n", two, StringComparison.Ordinal);
        Assert.Equal(["S1", "S2"], SubtitleParser.Parse(two).Select(cue => cue.Speaker));
        Assert.DoesNotContain("<v", one, StringComparison.Ordinal);
        Assert.DoesNotContain("<v", srt, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_take_the_speaker_whose_turn_they_overlap_most_and_segments_split_there()
    {
        static TranscribedWord Word(string text, double start, double end) => new(text, TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));
        var transcript = new Transcript("en", "test", false,
            [new TranscriptSegment(TimeSpan.Zero, TimeSpan.FromSeconds(4), [Word("yes", 0.1, 0.5), Word("no", 1.0, 1.4), Word("maybe", 2.6, 3.2)])]);
        var diarization = new Diarization(
            [new SpeakerProfile("S1", 100), new SpeakerProfile("S2", 200)],
            [new SpeakerTurn(TimeSpan.Zero, TimeSpan.FromSeconds(1.2), "S1"), new SpeakerTurn(TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(4), "S2")]);

        var attributed = SpeakerAttribution.Attribute(transcript, diarization);

        Assert.Equal([("S1", "yes no"), ("S2", "maybe")], attributed.Segments.Select(segment => (segment.Speaker!, segment.Text)));
        Assert.Equal(["S1", "S1", "S2"], attributed.Words.Select(word => word.Speaker));
    }
}
