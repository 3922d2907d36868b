using System.CommandLine;
using VideoTranslation.Cli;
using VideoTranslation.Cli.Commands;

var root = new RootCommand("vts: the VideoTranslation service. Run a server, submit translations, wait for them, or see a demo.")
{
    ServeCommand.Create(),
    DemoCommand.Create(),
    TranslateCommand.Create(),
    StatusCommand.Create(),
    WaitCommand.Create(),
    DownloadCommand.Create(),
    LinkCommand.Create(),
    CuesCommand.Create(),
    RenderCommand.Create(),
    WebhookSecretCommand.Create(),
    KeysCommand.Create(),
    WorkerCommand.Create(),
    WorkersCommand.Create(),
    EnginesCommand.Create(),
    CompletionCommand.Create(),
};

// The server's host handles SIGINT/SIGTERM itself and shuts down gracefully (handing running jobs back);
// System.CommandLine's own handler would kill it after a fixed timeout.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync(invocation); // on a parse error: the errors, suggestions and help
return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
