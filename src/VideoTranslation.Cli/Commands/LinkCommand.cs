using System.CommandLine;
using System.Text.Json;
using VideoTranslation.Cli.Output;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts link ID NAME</c>: a signed URL that downloads one artifact without the API key, to hand to a media player,
/// a browser or another person. Prints just the URL on stdout, so <c>curl "$(vts link …)"</c> works.
/// </summary>
internal static class LinkCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = new Argument<string>("job-id") { Description = "The job's id" };
        var name = new Argument<string>("artifact") { Description = "The artifact's name: output.mp4, es.srt, es.dub.m4a, ..." };
        var expiresIn = new Option<double>("--expires-in")
        {
            Description = "Seconds the link works (60 to 604800, seven days); revoking the key ends it sooner",
            DefaultValueFactory = _ => 3600,
        };
        var command = new Command("link", "Print a URL that downloads one artifact without the API key, until it expires.") { id, name, expiresIn };
        client.AddTo(command, withTimeout: false);
        command.SetAction((parse, cancellationToken) => ClientCommand.RunAsync(client, parse, async (api, _) =>
        {
            var link = await api.CreateArtifactLinkAsync(parse.GetValue(id)!, parse.GetValue(name)!, TimeSpan.FromSeconds(parse.GetValue(expiresIn)), cancellationToken);
            if (parse.GetValue(client.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(link, JobPrinter.JsonOptions));
            }
            else
            {
                Console.WriteLine(link.Url);
                Console.Error.WriteLine($"Works until {link.ExpiresAt.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}, for anyone who has it.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
