using VideoTranslation.Domain;

namespace VideoTranslation.UnitTests.Domain;

public class JobStateTests
{
    [Theory]
    [InlineData(JobState.Queued, JobStatus.Pending, false)]
    [InlineData(JobState.Running, JobStatus.Pending, false)]
    [InlineData(JobState.Completed, JobStatus.Completed, true)]
    [InlineData(JobState.Failed, JobStatus.Error, true)]
    public void Maps_queue_states_to_the_seed_statuses(JobState state, JobStatus status, bool terminal)
    {
        Assert.Equal(status, state.ToStatus());
        Assert.Equal(terminal, state.IsTerminal());
    }

    [Fact]
    public void A_language_pair_never_has_the_same_language_twice()
    {
        var english = LanguageCode.Parse("en");
        Assert.Throws<ArgumentException>(() => new LanguagePair(english, LanguageCode.Parse("EN")));
    }
}
