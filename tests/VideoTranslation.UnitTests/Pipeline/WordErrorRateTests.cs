using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.UnitTests.Pipeline;

public class WordErrorRateTests
{
    [Theory]
    [InlineData("the quick brown fox", "the quick brown fox", 0)]
    [InlineData("The quick, brown fox!", "the quick brown fox", 0)]
    [InlineData("the quick brown fox", "the quick red fox", 0.25)]
    [InlineData("the quick brown fox", "the brown fox", 0.25)]
    [InlineData("the quick brown fox", "the very quick brown fox", 0.25)]
    [InlineData("the quick brown fox", "", 1)]
    [InlineData("a b", "c d e f", 2)]
    [InlineData("", "", 0)]
    public void Counts_substitutions_deletions_and_insertions_per_reference_word(string reference, string hypothesis, double expected)
    {
        Assert.Equal(expected, WordErrorRate.Compute(reference, hypothesis), precision: 6);
    }
}
