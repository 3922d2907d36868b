using VideoTranslation.Server.Security;

namespace VideoTranslation.UnitTests.Server;

public sealed class AuthOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8000", false)]
    [InlineData("http://127.0.0.1:0;http://[::1]:8000", false)]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://127.8.9.10:80", false)]
    [InlineData("http://0.0.0.0:8000", true)]
    [InlineData("http://*:8000", true)]
    [InlineData("http://+:8000", true)]
    [InlineData("http://[::]:8000", true)]
    [InlineData("http://127.0.0.1:8000;http://10.0.0.5:8000", true)]
    [InlineData("https://vts.example.com", true)]
    public void Auto_requires_keys_unless_every_address_is_loopback(string urls, bool required) =>
        Assert.Equal(required, new AuthOptions().KeysRequired(urls));

    [Fact]
    public void Required_and_disabled_do_what_they_say_wherever_the_server_listens()
    {
        Assert.True(new AuthOptions { Mode = "required" }.KeysRequired("http://127.0.0.1:8000"));
        Assert.False(new AuthOptions { Mode = "disabled" }.KeysRequired("http://0.0.0.0:8000"));
    }
}
