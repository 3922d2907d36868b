using VideoTranslation.Server.Api.Seed;

namespace VideoTranslation.UnitTests.Api;

public class TranslateRequestTests
{
    [Fact]
    public void A_valid_request_yields_normalized_languages_and_no_id()
    {
        var request = new TranslateRequest(null, "EN", "pt-br");
        Assert.True(request.TryValidate(out var id, out var languages, out _, out var errors));
        Assert.Null(id);
        Assert.Empty(errors);
        Assert.Equal("en", languages.Source.Value);
        Assert.Equal("pt-BR", languages.Target.Value);
    }

    [Fact]
    public void A_client_chosen_id_is_kept()
    {
        var request = new TranslateRequest("my-job-1", "en", "es");
        Assert.True(request.TryValidate(out var id, out _, out _, out _));
        Assert.Equal("my-job-1", id!.Value.Value);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var request = new TranslateRequest("../x", "zz", null);
        Assert.False(request.TryValidate(out _, out _, out _, out var errors));
        Assert.Equal(["job_id", "source_language", "target_language"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en", "EN")]
    [InlineData("pt-BR", "pt_br")]
    public void Same_source_and_target_is_rejected(string source, string target)
    {
        var request = new TranslateRequest(null, source, target);
        Assert.False(request.TryValidate(out _, out _, out _, out var errors));
        Assert.Contains("must differ", Assert.Single(errors["target_language"]), StringComparison.Ordinal);
    }
}
