using System.CommandLine;

namespace VideoTranslation.Cli.Commands;

/// <summary>
/// <c>vts completion bash|zsh|fish</c>: prints a completion script for the shell. Each script asks vts itself what
/// fits where the cursor is (System.CommandLine's <c>[suggest:POSITION]</c> directive), so completions always match
/// the installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        ["bash"] = """
            # vts completion for bash: source <(vts completion bash), e.g. from ~/.bashrc
            _vts_complete() {
              local IFS=$'\n'
              local suggestions
              suggestions="$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)"
              COMPREPLY=( $(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F _vts_complete vts ./vts
            """,
        ["zsh"] = """
            # vts completion for zsh: source <(vts completion zsh), e.g. from ~/.zshrc after compinit
            _vts() {
              local line="${(j: :)words}"
              local before="${(j: :)words[1,CURRENT]}"
              local -a suggestions
              suggestions=("${(@f)$("${words[1]}" "[suggest:${#before}]" "$line" 2>/dev/null)}")
              compadd -- ${suggestions:#}
            }
            compdef _vts vts
            """,
        ["fish"] = """
            # vts completion for fish: vts completion fish | source, e.g. from ~/.config/fish/config.fish
            function __vts_complete
                set -l line (commandline -cp)
                set -l command (commandline -opc)[1]
                $command "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
            end
            complete -c vts -f -a '(__vts_complete)'
            """,
    };

    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to complete in" }.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var command = new Command("completion", "Print a shell completion script: source <(vts completion bash|zsh), vts completion fish | source") { shell };
        command.SetAction(parse =>
        {
            Console.Out.WriteLine(Scripts[parse.GetValue(shell)!]);
            return ExitCodes.Success;
        });
        return command;
    }
}
