using System.CommandLine;
using VideoTranslation.Cli.Output;
using VideoTranslation.Client;

namespace VideoTranslation.Cli.Commands;

/// <summary>Runs a client-side command and turns each kind of failure into a clear message and an exit code.</summary>
internal static class ClientCommand
{
    public static async Task<int> RunAsync(
        ClientOptions options, ParseResult parse, Func<VideoTranslationClient, JobPrinter, Task<int>> action)
    {
        var printer = new JobPrinter(parse.GetValue(options.Json));
        try
        {
            var (client, logs) = options.CreateClient(parse);
            using (logs)
            using (client)
            {
                return await action(client, printer);
            }
        }
        catch (TranslationException ex) when (ex.Job is not null)
        {
            printer.Print(ex.Job);
            return ExitCodes.JobFailed;
        }
        catch (Exception ex) when (ExitCodes.ForFailure(ex) is { } exitCode)
        {
            JobPrinter.Error(ex.Message);
            return exitCode;
        }
    }
}
