using System.Text.RegularExpressions;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Translation;

/// <summary>
/// Gives back the capital letters a recognizer without casing (pocketsphinx) leaves out, where the source language's
/// dictionary says so: a lower-case word it does not know, whose capitalized form it does (days, months, names,
/// places: "monday", "john", "paris"), is capitalized. Apertium's analysers are case-sensitive for such entries, so
/// without this they pass untranslated ("en monday"). Words it knows in lower case ("bill", "may") are left alone.
/// </summary>
internal static partial class Truecasing
{
    /// <param name="analyser">The source language's Apertium analyser (<c>*.automorf.bin</c>); null leaves the lines as they are.</param>
    public static async Task<IReadOnlyList<string>> RestoreAsync(IReadOnlyList<string> lines, string? analyser, CancellationToken cancellationToken)
    {
        var candidates = lines.SelectMany(line => LowerWord().Matches(line).Select(match => match.Value)).Distinct(StringComparer.Ordinal).ToList();
        if (analyser is null || candidates.Count == 0 || !ExternalTool.IsInstalled("lt-proc"))
        {
            return lines;
        }

        // Each candidate and its capitalized form, one per line: the analyser answers one ^word/analyses$ unit for each.
        var asked = string.Join('\n', candidates.SelectMany(word => new[] { word, Capitalized(word) })) + "\n";
        var answer = await ExternalTool.RunAsync("lt-proc", [analyser], cancellationToken, standardInput: asked);
        var units = Unit().Matches(answer.StandardOutput).Select(match => match.Groups["analyses"].Value).ToList();
        if (units.Count != candidates.Count * 2)
        {
            return lines; // an answer not shaped as asked: leave the text as it came
        }

        var capitalize = candidates
            .Where((_, i) => units[2 * i].StartsWith('*') && !units[(2 * i) + 1].StartsWith('*'))
            .ToHashSet(StringComparer.Ordinal);
        return capitalize.Count == 0
            ? lines
            : [.. lines.Select(line => LowerWord().Replace(line, match => capitalize.Contains(match.Value) ? Capitalized(match.Value) : match.Value))];
    }

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    /// <summary>A whole word of lower-case letters, two or more.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{Nd}'-])\p{Ll}[\p{Ll}]+(?![\p{L}\p{Nd}'-])")]
    private static partial Regex LowerWord();

    /// <summary>One analysed unit: <c>^surface/analysis/…$</c>; the analyses start with '*' when the word is unknown.</summary>
    [GeneratedRegex(@"\^[^/$]*/(?<analyses>[^$]*)\$")]
    private static partial Regex Unit();
}
