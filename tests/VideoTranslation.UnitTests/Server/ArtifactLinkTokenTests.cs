using System.Globalization;
using System.Security.Cryptography;
using VideoTranslation.Server.Security;

namespace VideoTranslation.UnitTests.Server;

public sealed class ArtifactLinkTokenTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly ArtifactLinkClaims Claims = new("a1b2c3d4e5f6", "job-1", Now.AddDays(-1).AddMilliseconds(123), "es.srt", Now.AddHours(1));

    [Fact]
    public void A_link_reads_back_for_its_file_until_it_expires()
    {
        var token = ArtifactLinkToken.Create(Secret, Claims);

        Assert.Equal(ArtifactLinkCheck.Valid, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Now, out var read));
        Assert.Equal(Claims, read);
        Assert.Equal(ArtifactLinkCheck.Valid, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Claims.ExpiresAt.AddMilliseconds(-1), out _));
        Assert.Equal(ArtifactLinkCheck.Expired, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Claims.ExpiresAt, out _));
    }

    [Fact]
    public void A_link_made_without_a_key_says_so()
    {
        var token = ArtifactLinkToken.Create(Secret, Claims with { KeyId = null });

        Assert.StartsWith("-.", token, StringComparison.Ordinal);
        Assert.Equal(ArtifactLinkCheck.Valid, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Now, out var read));
        Assert.Null(read.KeyId);
    }

    [Theory]
    [InlineData("job-2", "es.srt")]
    [InlineData("job-1", "es.vtt")]
    [InlineData("job-1", "output.mp4")]
    public void A_link_opens_no_other_file(string jobId, string name)
    {
        var token = ArtifactLinkToken.Create(Secret, Claims);

        Assert.Equal(ArtifactLinkCheck.Invalid, ArtifactLinkToken.Read(Secret, token, jobId, name, Now, out _));
    }

    [Fact]
    public void Changing_any_part_of_a_link_breaks_it()
    {
        var parts = ArtifactLinkToken.Create(Secret, Claims).Split('.');
        string[] altered =
        [
            string.Join('.', "ffffffffffff", parts[1], parts[2], parts[3]), // another key
            string.Join('.', "-", parts[1], parts[2], parts[3]), // no key
            string.Join('.', parts[0], (long.Parse(parts[1], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture), parts[2], parts[3]), // another job under the same id
            string.Join('.', parts[0], parts[1], (long.Parse(parts[2], CultureInfo.InvariantCulture) + 86_400).ToString(CultureInfo.InvariantCulture), parts[3]), // a later expiry
            string.Join('.', parts[0], parts[1], parts[2], parts[3][..^2] + (parts[3][^2] == 'A' ? "B" : "A") + parts[3][^1]), // another MAC
        ];

        Assert.All(altered, token => Assert.Equal(ArtifactLinkCheck.Invalid, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Now, out _)));
        Assert.Equal(ArtifactLinkCheck.Invalid, ArtifactLinkToken.Read(RandomNumberGenerator.GetBytes(32), string.Join('.', parts), "job-1", "es.srt", Now, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c.d")]
    [InlineData("key.1.2")]
    [InlineData("key.-1.2.mac")]
    [InlineData("key.1.99999999999999999999.mac")]
    [InlineData("key.1.2.mac.extra")]
    [InlineData(".1.2.AAAA")]
    public void Garbage_is_invalid_and_never_throws(string token)
    {
        Assert.Equal(ArtifactLinkCheck.Invalid, ArtifactLinkToken.Read(Secret, token, "job-1", "es.srt", Now, out _));
    }
}
