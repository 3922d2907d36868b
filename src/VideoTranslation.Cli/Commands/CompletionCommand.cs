using System.CommandLine;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts completion bash</c>: prints a bash completion script. It asks vts itself what fits where the cursor is
/// (System.CommandLine's <c>[suggest]</c> directive), so completions always match the installed version's commands
/// and options. Load it with <c>source &lt;(vts completion bash)</c>, e.g. from ~/.bashrc.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # vts completion for bash: source <(vts completion bash)
        _vts_complete() {
          local IFS=$'\n'
          local suggestions
          suggestions="$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)"
          COMPREPLY=( $(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _vts_complete vts ./vts
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to complete in" }.AcceptOnlyFromAmong("bash");
        var command = new Command("completion", "Print a shell completion script: source <(vts completion bash)") { shell };
        command.SetAction(_ =>
        {
            Console.Out.WriteLine(Bash);
            return ExitCodes.Success;
        });
        return command;
    }
}
