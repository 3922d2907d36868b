using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.UnitTests.Speakers;

public sealed class VoiceCastingTests
{
    private static readonly RegisterVoice[] Voices = [new("low", 95), new("mid", 120), new("high", 200), new("higher", 215)];

    [Fact]
    public void Each_speaker_gets_a_distinct_voice_nearest_their_register_in_order()
    {
        var cast = VoiceCasting.Cast([new SpeakerProfile("S1", 210), new SpeakerProfile("S2", 100), new SpeakerProfile("S3", 205)], Voices);

        Assert.Equal("low", cast["S2"]);
        Assert.Equal(["high", "higher"], new[] { cast["S3"], cast["S1"] }); // the lower of the two high speakers, the lower voice
    }

    [Fact]
    public void Chosen_voices_win_and_are_not_given_to_anyone_else()
    {
        var cast = VoiceCasting.Cast([new SpeakerProfile("S1", 100), new SpeakerProfile("S2", 110)], Voices, new Dictionary<string, string> { ["S2"] = "low" });

        Assert.Equal(("mid", "low"), (cast["S1"], cast["S2"]));
    }

    [Fact]
    public void More_speakers_than_voices_share_voices_still_by_register()
    {
        var cast = VoiceCasting.Cast([new("S1", 90), new("S2", 100), new("S3", 210)], [new RegisterVoice("low", 95), new RegisterVoice("high", 200)]);

        Assert.Equal(("low", "low", "high"), (cast["S1"], cast["S2"], cast["S3"]));
    }
}
