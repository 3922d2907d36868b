using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Translation;

/// <summary>
/// The offline default: Apertium rule-based translation. Discovers the installed pairs from their mode files,
/// and reaches pairs that have no direct mode through one other language (en->fr as en->es, then es->fr), a direct
/// pair always preferred and the bridge chosen by a fixed preference where several would do. Sentences go through
/// one process per hop, one per line: Apertium keeps lines, so alignment is kept. Words the recognizer left in lower
/// case that the source dictionary knows only capitalized (days, months, names) are capitalized first, or Apertium
/// would not know them ("on monday" came out "en monday").
/// </summary>
public sealed partial class ApertiumTranslator(ApertiumOptions options) : ITranslator
{
    // Where several languages bridge a pair, the one with the fullest pairs is taken, so a route is the same on every node.
    private static readonly string[] PreferredBridges = ["es", "ca", "en", "fr", "pt", "gl", "it", "eo"];

    private readonly Lazy<List<Mode>> modes = new(() => Discover(options.ModesDirectory));

    public string Name => "apertium";

    /// <summary>Every reachable pair. Regional variants (pt-BR, en-US) exist only as targets: a source is a plain language.</summary>
    public IReadOnlyList<string> SupportedPairs =>
        [.. modes.Value.Select(mode => mode.Source).Distinct()
            .SelectMany(source => modes.Value.Select(mode => mode.Target).Distinct()
                .Where(target => Route(source, target) is not null)
                .Select(target => $"{source}->{target}"))
            .Order(StringComparer.Ordinal)];

    public bool Supports(LanguageCode source, LanguageCode target) => Route(source.Value, target.Value) is not null;

    public string? BridgeOf(LanguageCode source, LanguageCode target) =>
        Route(source.Value, target.Value) is [var first, _, ..] ? LanguageOf(first.Target) : null;

    public async Task<IReadOnlyList<string>> TranslateAsync(
        IReadOnlyList<string> sentences, LanguageCode source, LanguageCode target, Glossary glossary, CancellationToken cancellationToken)
    {
        var route = Route(source.Value, target.Value)
                    ?? throw new UnsupportedLanguageException(
                        $"Apertium cannot translate {source} to {target} here. Supported: {string.Join(", ", SupportedPairs)}.", SupportedPairs);
        if (sentences.Count == 0)
        {
            return [];
        }

        // One sentence per line; a line break inside a sentence would shift every following line.
        var lines = sentences.Select(sentence => sentence.ReplaceLineEndings(" ")).ToList();
        lines = [.. await Truecasing.RestoreAsync(lines, route[0].Analyser, cancellationToken)];
        var text = string.Join('\n', lines.Select(glossary.Protect));
        foreach (var mode in route)
        {
            // -d names the data directory whose modes/ holds the pairs: without it apertium reads only its default one.
            var result = await ExternalTool.RunAsync(options.Executable, ["-d", DataDirectory, "-u", mode.Name], cancellationToken, standardInput: text + "\n");
            text = result.StandardOutput;
        }

        var translated = text.TrimEnd('\n').Split('\n').Select(line => glossary.Restore(Tidy(line))).ToList();
        if (translated.Count != sentences.Count)
        {
            throw new InvalidOperationException($"Apertium returned {translated.Count} lines for {sentences.Count} sentences.");
        }

        return translated;
    }

    /// <summary>The directory apertium's <c>-d</c> takes: the one holding <see cref="ApertiumOptions.ModesDirectory"/>.</summary>
    private string DataDirectory => Path.GetDirectoryName(Path.GetFullPath(options.ModesDirectory).TrimEnd(Path.DirectorySeparatorChar))!;

    /// <summary>
    /// The chain of modes from <paramref name="source"/> to <paramref name="target"/>: the direct mode, else the fewest
    /// hops, bridges in <see cref="PreferredBridges"/> order first; null when none reaches it.
    /// </summary>
    private List<Mode>? Route(string source, string target)
    {
        var from = LanguageOf(source);
        if (from == LanguageOf(target))
        {
            return null;
        }

        // "pt-BR" is reached by a pt_BR mode when one is installed, else by plain "pt"; "es-MX" by "es".
        var to = modes.Value.Any(mode => mode.Target == target) ? target : LanguageOf(target);
        var starts = modes.Value.Where(mode => mode.Source == from).OrderBy(mode => Preference(LanguageOf(mode.Target))).ThenBy(mode => mode.Name, StringComparer.Ordinal);
        var paths = new Queue<List<Mode>>(starts.Select(mode => new List<Mode> { mode }));
        while (paths.TryDequeue(out var path))
        {
            if (path[^1].Target == to)
            {
                return path;
            }

            if (path.Count < options.MaxHops)
            {
                var via = LanguageOf(path[^1].Target);
                foreach (var next in modes.Value.Where(mode => mode.Source == via && LanguageOf(mode.Target) != from && path.All(step => step.Target != mode.Target)))
                {
                    paths.Enqueue([.. path, next]);
                }
            }
        }

        return null;
    }

    private static int Preference(string language) => Array.IndexOf(PreferredBridges, language) is var index and >= 0 ? index : PreferredBridges.Length;

    private static string LanguageOf(string tag) => tag.Split('-')[0];

    private static List<Mode> Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var found = new List<Mode>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.mode"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var (pair, variant) = name.Split('_', 2) is [var p, var v] ? (p, v) : (name, null);
            if (pair.Split('-') is not [var from, var to] || !Iso(from, out var source) || !Iso(to, out var target))
            {
                continue;
            }

            // Regional variants become region subtags (pt_BR -> pt-BR); other variants (spelling norms) are skipped.
            if (variant is null)
            {
                found.Add(new Mode(name, source, target, Analyser(file)));
            }
            else if (variant.Length == 2 && variant.All(char.IsAsciiLetterUpper))
            {
                found.Add(new Mode(name, source, $"{target}-{variant}", Analyser(file)));
            }
        }

        return found;
    }

    /// <summary>The service's tag for an Apertium language name: ISO 639-1 as is, ISO 639-2/T (<c>spa</c>) through the one table.</summary>
    private static bool Iso(string code, out string iso)
    {
        iso = code.Length == 2 ? code : LanguageCode.TryFromIso6392(code, out var language) ? language : "";
        return iso.Length > 0;
    }

    /// <summary>The source language's morphological analyser a mode starts with (its first <c>lt-proc</c>'s file), if named plainly.</summary>
    private static string? Analyser(string modeFile) =>
        AnalyserPath().Match(File.ReadAllText(modeFile)) is { Success: true } match && File.Exists(match.Groups["path"].Value) ? match.Groups["path"].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*lt-proc\s+(?:-\w+\s+)*'(?<path>[^']+\.automorf\.bin)'")]
    private static partial System.Text.RegularExpressions.Regex AnalyserPath();

    /// <summary>Apertium leaves stray spaces where it dropped or moved words.</summary>
    private static string Tidy(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <param name="Analyser">The source language's analyser (<c>*.automorf.bin</c>), for restoring casing; null if unknown.</param>
    private sealed record Mode(string Name, string Source, string Target, string? Analyser);
}
