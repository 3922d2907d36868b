using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts serve</c>: run the API server with in-process workers on the embedded store.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var options = new ServerOptions();
        var command = new Command("serve", "Run the translation server (seed API on /translate and /job/{job_id}) with its workers.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = VideoTranslationServer.Create(overrides: options.ToConfiguration(parse));
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OptionsValidationException or IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                // An operator's mistake (bad setting, port taken, unusable data directory): one clear line, no stack trace.
                Console.Error.WriteLine($"error: vts serve could not start: {Describe(ex)}");
                return ExitCodes.StartFailed;
            }

            // Where people go first: the web page, and the API's reference.
            foreach (var url in app.Urls)
            {
                Console.Error.WriteLine($"Web page: {url.TrimEnd('/')}/  ·  API reference: {url.TrimEnd('/')}/docs");
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static string Describe(Exception exception) => exception switch
    {
        // Each failure already names its configuration key (see the options classes).
        OptionsValidationException invalid => string.Join(" ", invalid.Failures.Select(f => f[(f.IndexOf("with the error: '", StringComparison.Ordinal) is var i and >= 0 ? i + 17 : 0)..].TrimEnd('.', '\''))),
        InvalidOperationException => exception.Message,
        { InnerException: { } inner } when inner.Message != exception.Message => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };
}
