using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Server.Hosting;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts keys create|list|revoke</c>: manages API keys in the job database directly (like the server, with
/// <c>--data</c> or <c>--database</c>), so the first key can be made before any exists.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Manage API keys: create (shown once), list, revoke.");
        command.Add(CreateKey());
        command.Add(ListKeys());
        command.Add(RevokeKey());
        return command;
    }

    private static Command CreateKey()
    {
        var storage = new StorageOptions();
        var tenant = new Option<string>("--tenant") { Description = "The tenant the key acts for: it sees only that tenant's jobs", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. 'billing service'", DefaultValueFactory = _ => "" };
        var admin = new Option<bool>("--admin") { Description = "Also allow the operator endpoints (/v1/admin/*, /metrics)" };
        var command = new Command("create", "Create an API key and print it (it cannot be shown again).") { tenant, name, admin };
        storage.AddTo(command);
        command.SetAction((parse, cancellationToken) => storage.RunAsync(parse, async keys =>
        {
            var created = await keys.CreateAsync(parse.GetValue(tenant)!, parse.GetValue(name)!, parse.GetValue(admin), cancellationToken);
            if (parse.GetValue(storage.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { created.Key.Id, created.Key.Tenant, created.Key.Name, created.Key.Admin, created.Token }, JobPrinter.JsonOptions));
            }
            else
            {
                Console.Error.WriteLine($"Created key {created.Key.Id} for tenant '{created.Key.Tenant}'{(created.Key.Admin ? " (admin)" : "")}. Keep it now; it is not shown again:");
                Console.Out.WriteLine(created.Token);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListKeys()
    {
        var storage = new StorageOptions();
        var command = new Command("list", "List the API keys (never their secrets).");
        storage.AddTo(command);
        command.SetAction((parse, cancellationToken) => storage.RunAsync(parse, async keys =>
        {
            var all = await keys.ListAsync(cancellationToken);
            if (parse.GetValue(storage.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(all, JobPrinter.JsonOptions));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("id", "tenant", "name", "admin", "created", "revoked");
            foreach (var key in all)
            {
                table.AddRow(
                    new Text(key.Id), new Text(key.Tenant), new Text(key.Name), new Text(key.Admin ? "yes" : ""),
                    new Text(key.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
                    key.RevokedAt is { } revoked ? new Markup($"[red]{revoked.ToString("u", CultureInfo.InvariantCulture)}[/]") : new Text(""));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeKey()
    {
        var storage = new StorageOptions();
        var id = new Argument<string>("key-id") { Description = "The key's id, as 'vts keys list' shows it" };
        var command = new Command("revoke", "Revoke an API key: requests with it are refused (401) from now on.") { id };
        storage.AddTo(command);
        command.SetAction((parse, cancellationToken) => storage.RunAsync(parse, async keys =>
        {
            if (!await keys.RevokeAsync(parse.GetValue(id)!, cancellationToken))
            {
                JobPrinter.Error($"No key with id '{parse.GetValue(id)}'. 'vts keys list' shows them.");
                return ExitCodes.Rejected;
            }

            Console.Error.WriteLine($"Revoked key {parse.GetValue(id)}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Where the keys are: the server's own storage options, and --json.</summary>
    private sealed class StorageOptions
    {
        private readonly ServerOptions server = new();

        public Option<bool> Json { get; } = JsonOption.Create();

        public void AddTo(Command command)
        {
            command.Add(server.Data);
            command.Add(server.Database);
            command.Add(Json);
        }

        public async Task<int> RunAsync(ParseResult parse, Func<ApiKeyStore, Task<int>> action)
        {
            var settings = server.ToConfiguration(parse);
            settings["Logging:LogLevel:Default"] = "Warning";
            await using var app = VideoTranslationServer.Create(overrides: settings);
            try
            {
                await app.Services.GetRequiredService<IJobDatabase>().InitializeAsync();
                return await action(app.Services.GetRequiredService<ApiKeyStore>());
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
            {
                JobPrinter.Error(ex.Message);
                return ex is ArgumentException ? ExitCodes.Rejected : ExitCodes.StartFailed;
            }
        }
    }
}
