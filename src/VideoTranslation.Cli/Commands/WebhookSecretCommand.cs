using System.CommandLine;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts webhook-secret</c>: prints the secret the server signs webhooks with, for receivers to verify them
/// (<c>WebhookVerifier</c> in the client library, or any Standard Webhooks library).
/// </summary>
internal static class WebhookSecretCommand
{
    public static Command Create()
    {
        var options = new ServerOptions();
        var command = new Command("webhook-secret", "Print the secret webhooks are signed with (Standard Webhooks, whsec_...).");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = VideoTranslationServer.Create(overrides: options.ToConfiguration(parse));
            try
            {
                Console.WriteLine(await VideoTranslationServer.GetWebhookSecretAsync(app, cancellationToken));
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
