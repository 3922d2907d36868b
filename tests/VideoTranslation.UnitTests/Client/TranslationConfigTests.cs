using VideoTranslation.Client;

namespace VideoTranslation.UnitTests.Client;

public class TranslationConfigTests
{
    [Fact]
    public void Defaults_are_the_seed_clients()
    {
        var config = new TranslationConfig();
        Assert.Equal(TimeSpan.FromSeconds(30), config.BaseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.5), config.MinDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), config.MaxDelay);
        Assert.True(config.ProgressiveDelay);
        config.Validate();
    }

    [Theory]
    [InlineData(nameof(TranslationConfig.BaseTimeout))]
    [InlineData(nameof(TranslationConfig.MinDelay))]
    [InlineData(nameof(TranslationConfig.MaxDelay))]
    [InlineData(nameof(TranslationConfig.MaxRetries))]
    [InlineData(nameof(TranslationConfig.DelayGrowthFactor))]
    public void Nonsense_settings_are_refused_by_name(string setting)
    {
        var config = new TranslationConfig();
        switch (setting)
        {
            case nameof(TranslationConfig.BaseTimeout): config.BaseTimeout = TimeSpan.Zero; break;
            case nameof(TranslationConfig.MinDelay): config.MinDelay = TimeSpan.FromSeconds(-1); break;
            case nameof(TranslationConfig.MaxDelay): config.MaxDelay = TimeSpan.FromSeconds(0.1); break;
            case nameof(TranslationConfig.MaxRetries): config.MaxRetries = -1; break;
            case nameof(TranslationConfig.DelayGrowthFactor): config.DelayGrowthFactor = 0.5; break;
        }

        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void A_client_refuses_a_http_client_without_base_address()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<ArgumentException>(() => new VideoTranslationClient(http));
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }
}
