using System.CommandLine;
using VideoTranslation.Domain;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts webhook-secret</c>: prints the secret a tenant's webhooks are signed with, for receivers to verify them
/// (<c>WebhookVerifier</c> in the client library, or any Standard Webhooks library), or rotates it.
/// </summary>
internal static class WebhookSecretCommand
{
    public static Command Create()
    {
        var options = new ServerOptions();
        var tenant = new Option<string>("--tenant") { Description = "Whose secret: each tenant's webhooks are signed with its own", DefaultValueFactory = _ => Tenants.Default };
        var rotate = new Option<bool>("--rotate") { Description = "Make a new secret; the old one keeps signing too for Webhooks:RotationOverlap (24 h)" };
        var command = new Command("webhook-secret", "Print (or rotate) the secret webhooks are signed with (Standard Webhooks, whsec_...).") { tenant, rotate };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = VideoTranslationServer.Create(overrides: options.ToConfiguration(parse));
            try
            {
                Console.WriteLine(await VideoTranslationServer.GetWebhookSecretAsync(app, parse.GetValue(tenant)!, parse.GetValue(rotate), cancellationToken));
                return ExitCodes.Success;
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.StartFailed;
            }
        });
        return command;
    }
}
