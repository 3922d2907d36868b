using Microsoft.Extensions.Time.Testing;
using VideoTranslation.Client;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.UnitTests.Client;

/// <summary>Signing and verification against the Standard Webhooks reference vector, and what must fail.</summary>
public class WebhookVerifierTests
{
    // The reference example of the Standard Webhooks spec and its libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"type": "job.completed", "timestamp": "2021-02-25T15:02:10Z", "data": null}""";

    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeSeconds(Timestamp));

    [Fact]
    public void The_server_signs_the_reference_vector_as_the_spec_does()
    {
        Assert.True(WebhookSigner.TryParseSecret(Secret, out var key));
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", new WebhookSigner(key).Sign(MessageId, Timestamp, """{"test": 2432232314}"""));
    }

    [Fact]
    public void A_signed_webhook_verifies_and_is_read()
    {
        var webhook = new WebhookVerifier(Secret, Clock).Verify(Body, Headers(Sign(Body)));

        Assert.Equal(MessageId, webhook.Id);
        Assert.Equal("job.completed", webhook.Type);
    }

    [Fact]
    public void Any_of_several_signatures_may_match_during_a_secret_rotation()
    {
        var signatures = "v1,bm90IHRoZSByaWdodCBvbmU= " + Sign(Body);
        Assert.Equal("job.completed", new WebhookVerifier(Secret, Clock).Verify(Body, Headers(signatures)).Type);
    }

    [Theory]
    [InlineData("tampered body")]
    [InlineData("other secret")]
    [InlineData("too old")]
    [InlineData("from the future")]
    [InlineData("missing signature")]
    public void What_does_not_check_out_is_refused(string problem)
    {
        var body = Body;
        var secret = Secret;
        var clock = Clock;
        var signature = Sign(Body);
        switch (problem)
        {
            case "tampered body": body = Body.Replace("completed", "failed", StringComparison.Ordinal); break;
            case "other secret": secret = "whsec_" + Convert.ToBase64String(new byte[24]); break;
            case "too old": clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp + 301)); break;
            case "from the future": clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Timestamp - 301)); break;
            case "missing signature": signature = ""; break;
        }

        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(secret, clock).Verify(body, Headers(signature)));
    }

    private static string Sign(string body)
    {
        Assert.True(WebhookSigner.TryParseSecret(Secret, out var key));
        return new WebhookSigner(key).Sign(MessageId, Timestamp, body);
    }

    private static Func<string, string?> Headers(string signature) => name => name switch
    {
        "webhook-id" => MessageId,
        "webhook-timestamp" => Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "webhook-signature" => signature,
        _ => null,
    };
}
