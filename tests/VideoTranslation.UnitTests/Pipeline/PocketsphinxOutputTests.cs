using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.UnitTests.Pipeline;

public class PocketsphinxOutputTests
{
    // Real output of `pocketsphinx_continuous -time yes` on two flite sentences three seconds apart.
    private const string Output = """
        good morning everyone today we talked about the weather
        <s> 0.000 0.170 1.000200
        good 0.180 0.430 1.000200
        morning 0.440 0.940 1.000300
        everyone 0.950 1.660 1.000200
        [NOISE] 1.670 1.760 0.471240
        <sil> 1.770 1.900 0.910182
        today(2) 1.910 2.350 0.900494
        we 2.360 2.560 1.000100
        talked 2.570 2.810 0.334664
        about 2.820 3.210 1.000000
        the 3.220 3.290 0.355468
        weather 3.300 3.840 0.271511
        </s> 3.850 4.220 1.000000
        tomorrow it will rain in the north and the shelves
        <s> 6.920 6.990 0.999800
        tomorrow 7.000 7.770 0.876503
        it 7.780 7.970 0.310697
        will(2) 7.980 8.100 0.380293
        rain 8.110 8.450 0.763890
        in 8.460 8.590 0.669016
        the 8.600 8.660 0.481724
        north 8.670 9.010 0.367285
        and(2) 9.020 9.180 0.339417
        the 9.190 9.250 0.093811
        shelves 9.260 9.760 0.035430
        [NOISE] 9.770 9.900 0.720480
        </s> 9.910 9.930 1.000000
        """;

    [Fact]
    public void Splits_utterances_into_segments_of_real_words()
    {
        var segments = PocketsphinxRecognizer.Parse(Output);

        Assert.Equal(2, segments.Count);
        Assert.Equal("good morning everyone today we talked about the weather", segments[0].Text);
        Assert.Equal("tomorrow it will rain in the north and the shelves", segments[1].Text);
    }

    [Fact]
    public void Keeps_absolute_word_times_and_confidences()
    {
        var segments = PocketsphinxRecognizer.Parse(Output);
        var tomorrow = segments[1].Words[0];

        Assert.Equal(("tomorrow", 7.0, 7.77), (tomorrow.Text, tomorrow.Start.TotalSeconds, tomorrow.End.TotalSeconds));
        Assert.Equal(0.876503, tomorrow.Confidence!.Value, precision: 6);
        Assert.Equal(TimeSpan.FromSeconds(0.18), segments[0].Start);
        Assert.Equal(TimeSpan.FromSeconds(9.76), segments[1].End);
    }

    [Fact]
    public void Empty_output_is_no_segments()
    {
        Assert.Empty(PocketsphinxRecognizer.Parse(""));
    }
}
