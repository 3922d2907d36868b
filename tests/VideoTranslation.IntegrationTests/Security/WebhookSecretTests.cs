using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Security;

namespace VideoTranslation.IntegrationTests.Security;

/// <summary>Each tenant's webhooks are signed with its own secret, which it can read and rotate without missing a webhook.</summary>
public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Tenants_have_their_own_secrets_and_a_rotation_signs_with_both_for_the_overlap()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = TestServer.Settings();
        settings["Auth:Mode"] = "required";
        settings["Webhooks:AllowPrivateNetworks"] = "true"; // the receiver is on loopback
        await using var server = await TestServer.StartAsync(settings);
        var keys = server.Services.GetRequiredService<ApiKeyStore>();
        using var acme = server.CreateHttpClient((await keys.CreateAsync("acme", "hooks", admin: false, default)).Token);
        using var globex = server.CreateHttpClient((await keys.CreateAsync("globex", "hooks", admin: false, default)).Token);
        var acmeSecret = await SecretAsync(acme);
        var globexSecret = await SecretAsync(globex);
        Assert.NotEqual(acmeSecret, globexSecret);

        var first = await DeliveredAsync(acme, receiver, 1);
        Assert.Equal("job.completed", new WebhookVerifier(acmeSecret).Verify(first.Body, name => first.Headers.GetValueOrDefault(name)).Type);
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(globexSecret).Verify(first.Body, name => first.Headers.GetValueOrDefault(name)));

        using var rotated = await acme.PostAsync("/v1/webhooks/secret/rotate", null);
        var rotation = await rotated.Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotation.GetProperty("secret").GetString()!;
        Assert.NotEqual(acmeSecret, newSecret);
        Assert.True(rotation.GetProperty("previous_valid_until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        Assert.Equal(newSecret, await SecretAsync(acme));

        // During the overlap a delivery carries both signatures: receivers on the old or the new secret both accept it.
        var second = await DeliveredAsync(acme, receiver, 2);
        Assert.Equal(2, second.Headers["webhook-signature"].Split(' ').Length);
        new WebhookVerifier(newSecret).Verify(second.Body, name => second.Headers.GetValueOrDefault(name));
        new WebhookVerifier(acmeSecret).Verify(second.Body, name => second.Headers.GetValueOrDefault(name));
        Assert.Equal(globexSecret, await SecretAsync(globex)); // the other tenant's is untouched
    }

    private static async Task<WebhookReceiver.Received> DeliveredAsync(HttpClient http, WebhookReceiver receiver, int count)
    {
        using var started = await http.PostAsJsonAsync("/translate", new { source_language = "en", target_language = "es", callback_url = receiver.Url.AbsoluteUri });
        started.EnsureSuccessStatusCode();
        return (await receiver.WaitForAsync(count, TimeSpan.FromSeconds(30)))[count - 1];
    }

    private static async Task<string> SecretAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/v1/webhooks/secret")).GetProperty("secret").GetString()!;
}
