using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace VideoTranslation.Pipeline.Tools;

/// <summary>
/// Runs a command-line program to completion (CliWrap): arguments passed as a list (never through a shell),
/// output buffered, the process killed when the token is cancelled or it runs past its <see cref="ToolLimits"/>.
/// </summary>
public static class ExternalTool
{
    /// <summary>The limits of every run that names none; set once at start from configuration (<c>Tools:*</c>).</summary>
    public static ToolLimits Limits { get; set; } = ToolLimits.Default;

    /// <summary>
    /// Runs <paramref name="tool"/>; throws <see cref="ToolException"/> when it is missing or exits non-zero. The exception's
    /// message never quotes the tool's output (it can hold server paths, or lines of a file a hostile input made the tool
    /// open); the output is in <see cref="ToolException.StandardError"/>, for logs.
    /// </summary>
    public static async Task<BufferedCommandResult> RunAsync(
        string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null, ToolLimits? limits = null)
    {
        var result = await TryRunAsync(tool, arguments, cancellationToken, standardInput, limits);
        if (result.ExitCode != 0)
        {
            throw new ToolException(tool, $"{tool} failed (exit code {result.ExitCode}).", result.ExitCode, result.StandardError);
        }

        return result;
    }

    /// <summary>Runs <paramref name="tool"/> and returns its result whatever the exit code; throws only when it cannot start or runs too long.</summary>
    public static async Task<BufferedCommandResult> TryRunAsync(
        string tool, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null, ToolLimits? limits = null)
    {
        var command = Limited(tool, arguments, limits ?? Limits).WithValidation(CommandResultValidation.None);
        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(standardInput));
        }

        return await WithinLimitsAsync(tool, limits ?? Limits, token => command.ExecuteBufferedAsync(token), cancellationToken);
    }

    /// <summary>Runs <paramref name="tool"/> with its standard output streamed into <paramref name="output"/> (not buffered).</summary>
    public static async Task RunToStreamAsync(string tool, IEnumerable<string> arguments, Stream output, CancellationToken cancellationToken, ToolLimits? limits = null)
    {
        var errors = new System.Text.StringBuilder();
        var command = Limited(tool, arguments, limits ?? Limits).WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
        var result = await WithinLimitsAsync(tool, limits ?? Limits, token => command.ExecuteAsync(token), cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ToolException(tool, $"{tool} failed (exit code {result.ExitCode}).", result.ExitCode, errors.ToString());
        }
    }

    /// <summary>The command, under <c>prlimit --as</c> where it is installed so the tool cannot map more than the limit.</summary>
    private static Command Limited(string tool, IEnumerable<string> arguments, ToolLimits limits)
    {
        if (!IsInstalled(tool))
        {
            throw new ToolException(tool, $"{tool} is not installed or not on PATH. Run ./scripts/install.sh.");
        }

        return limits.MemoryBytes > 0 && IsInstalled("prlimit")
            ? Cli.Wrap("prlimit").WithArguments([$"--as={limits.MemoryBytes}", "--", tool, .. arguments])
            : Cli.Wrap(tool).WithArguments(arguments);
    }

    /// <summary>Runs until done, the caller cancels, or the time limit passes (then the tool is killed and a timed-out <see cref="ToolException"/> thrown).</summary>
    private static async Task<T> WithinLimitsAsync<T>(string tool, ToolLimits limits, Func<CancellationToken, CommandTask<T>> run, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            return await run(deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(
                tool, $"{tool} ran past its limit of {limits.Timeout.TotalSeconds:0.#} s and was stopped (Tools:MaxSeconds).", innerException: ex, timedOut: true);
        }
        catch (Win32Exception ex)
        {
            throw new ToolException(tool, $"{tool} is not installed or not on PATH ({ex.Message}). Run ./scripts/install.sh.", innerException: ex);
        }
    }

    /// <summary>Whether <paramref name="tool"/> can be found on PATH.</summary>
    public static bool IsInstalled(string tool) =>
        Path.IsPathRooted(tool)
            ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(directory => File.Exists(Path.Combine(directory, tool)));

    /// <summary>The last few lines of a tool's output: where programs like ffmpeg put the actual error.</summary>
    public static string LastLines(string output, int count = 3) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
