using System.Net;
using VideoTranslation.Server.Security;

namespace VideoTranslation.UnitTests.Server;

public sealed class NetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::169.254.169.254")]
    [InlineData("::10.0.0.1")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::10.0.0.1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2002:c0a8:101::")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:db8::1")]
    public void Private_and_special_addresses_are_not_public(string address) => Assert.False(NetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    public void Internet_addresses_are_public(string address) => Assert.True(NetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://localhost:8080/hook", true)]
    [InlineData("http://api.localhost/hook", true)]
    [InlineData("http://localhost./hook", true)]
    [InlineData("http://[::1]/hook", true)]
    [InlineData("http://169.254.169.254/latest/meta-data", true)]
    [InlineData("https://hooks.example.com/video", false)]
    [InlineData("https://93.184.216.34/hook", false)]
    public void Literal_private_hosts_are_named(string url, bool refused) => Assert.Equal(refused, NetworkPolicy.NonPublicHost(url) is not null);
}
