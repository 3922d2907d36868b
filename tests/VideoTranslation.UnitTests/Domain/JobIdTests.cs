using VideoTranslation.Domain;

namespace VideoTranslation.UnitTests.Domain;

public class JobIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("job-42")]
    [InlineData("3f2c9a6e-0b7d-4c1e-9d2a-1f7e5b8c0a11")]
    [InlineData("Batch_7.part.3")]
    public void Accepts_url_and_file_safe_ids(string value)
    {
        Assert.True(JobId.TryParse(value, out var id, out var error), error);
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("-flag")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("job%00")]
    [InlineData("jöb")]
    public void Rejects_unsafe_ids(string value)
    {
        Assert.False(JobId.TryParse(value, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Rejects_ids_longer_than_the_limit()
    {
        Assert.True(JobId.TryParse(new string('a', JobId.MaxLength), out _, out _));
        Assert.False(JobId.TryParse(new string('a', JobId.MaxLength + 1), out _, out var error));
        Assert.Contains("at most 128", error, StringComparison.Ordinal);
    }

    [Fact]
    public void New_ids_are_unique_and_valid()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => JobId.New()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(JobId.TryParse(id.Value, out _, out _)));
    }
}
