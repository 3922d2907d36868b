using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace VideoTranslation.Pipeline.Tools;

/// <summary>
/// Runs a command-line program to completion (CliWrap): arguments passed as a list (never through a shell),
/// output buffered, the process killed when the token is cancelled.
/// </summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/>; throws <see cref="ToolException"/> when it is missing or exits non-zero.</summary>
    public static async Task<BufferedCommandResult> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var result = await TryRunAsync(tool, arguments, cancellationToken, standardInput);
        if (result.ExitCode != 0)
        {
            throw new ToolException(tool, $"{tool} failed (exit code {result.ExitCode}): {LastLines(result.StandardError)}", result.ExitCode, result.StandardError);
        }

        return result;
    }

    /// <summary>Runs <paramref name="tool"/> and returns its result whatever the exit code; throws only when it cannot start.</summary>
    public static async Task<BufferedCommandResult> TryRunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var command = Cli.Wrap(tool).WithArguments(arguments).WithValidation(CommandResultValidation.None);
        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(standardInput));
        }

        try
        {
            return await command.ExecuteBufferedAsync(cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new ToolException(tool, $"{tool} is not installed or not on PATH ({ex.Message}). Run ./scripts/install.sh.", innerException: ex);
        }
    }

    /// <summary>Runs <paramref name="tool"/> with its standard output streamed into <paramref name="output"/> (not buffered).</summary>
    public static async Task RunToStreamAsync(string tool, IEnumerable<string> arguments, Stream output, CancellationToken cancellationToken)
    {
        var errors = new System.Text.StringBuilder();
        var command = Cli.Wrap(tool).WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(cancellationToken);
        }
        catch (Win32Exception ex)
        {
            throw new ToolException(tool, $"{tool} is not installed or not on PATH ({ex.Message}). Run ./scripts/install.sh.", innerException: ex);
        }

        if (result.ExitCode != 0)
        {
            throw new ToolException(tool, $"{tool} failed (exit code {result.ExitCode}): {LastLines(errors.ToString())}", result.ExitCode, errors.ToString());
        }
    }

    /// <summary>Whether <paramref name="tool"/> can be found on PATH.</summary>
    public static bool IsInstalled(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));

    /// <summary>The last few lines of a tool's output: where programs like ffmpeg put the actual error.</summary>
    public static string LastLines(string output, int count = 3) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
