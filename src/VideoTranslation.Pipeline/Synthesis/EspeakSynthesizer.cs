using System.Diagnostics;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// The offline default: eSpeak NG, with voices for about a hundred languages. Voices are named by lowercase
/// language tags (<c>es</c>, <c>pt-br</c>, <c>es-419</c>), optionally with a variant (<c>es+f3</c>); a regional request
/// falls back to the language's voice. Text goes in on standard input, never as an argument, so it cannot be read as
/// an option; a voice is passed only when it is one eSpeak NG lists (it would otherwise open any file named so).
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    private readonly Lazy<EspeakVoices> voices = new(EspeakVoices.List);

    public string Name => "espeak-ng";

    public bool Supports(LanguageCode language) => voices.Value.For(language) is not null;

    public string? RefuseVoice(string voice) =>
        voices.Value.Contains(voice)
            ? null
            : $"'{Shorten(voice)}' is not an espeak-ng voice: name a language it speaks (e.g. es, es-419, pt-br), optionally with a variant (e.g. es+f3, es+m2).";

    public async Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken)
    {
        if (voice is not null && RefuseVoice(voice) is { } refused)
        {
            throw new UnsupportedLanguageException(refused, []);
        }

        var chosen = (voice is null ? null : EspeakVoices.Canonical(voice)) ?? voices.Value.For(language)
            ?? throw new UnsupportedLanguageException($"espeak-ng has no voice for '{language}'.", []);
        await ExternalTool.RunAsync("espeak-ng", ["-v", chosen, "--stdin", "-w", outputWav], cancellationToken, standardInput: text);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>What <c>espeak-ng --voices</c> and <c>--voices=variant</c> list, read once per process.</summary>
    private sealed class EspeakVoices(HashSet<string> languages, HashSet<string> variants)
    {
        /// <summary>A language tag it lists, optionally <c>+</c> a variant it lists: nothing else reaches <c>-v</c>.</summary>
        public bool Contains(string voice) =>
            voice.Split('+') switch
            {
                [var language] => languages.Contains(language),
                [var language, var variant] => languages.Contains(language) && variants.Contains(variant),
                _ => false,
            };

        /// <summary>A listed voice as espeak-ng lists it: the language part in lower case.</summary>
        public static string Canonical(string voice) =>
            voice.IndexOf('+', StringComparison.Ordinal) is var plus and >= 0 ? voice[..plus].ToLowerInvariant() + voice[plus..] : voice.ToLowerInvariant();

        public string? For(LanguageCode language)
        {
            var tag = language.Value.ToLowerInvariant();
            if (languages.Contains(tag))
            {
                return tag;
            }

            // Some languages are listed only by region (en-gb, en-us; fr-fr): espeak-ng takes the plain language for its main voice.
            return languages.Contains(language.Language) || languages.Any(voice => voice.StartsWith(language.Language + "-", StringComparison.Ordinal))
                ? language.Language
                : null;
        }

        public static EspeakVoices List()
        {
            if (!ExternalTool.IsInstalled("espeak-ng"))
            {
                return new([], []);
            }

            // Each table's second column is the voice's language tag (or "variant"), its fifth the voice file; a variant's
            // file is "!v/NAME". Variants whose names hold a space are left out: they cannot be named after a '+'.
            var languages = Table("--voices").Select(columns => columns[1]).Where(tag => tag != "variant");
            var variants = Table("--voices=variant").Where(columns => columns.Length == 5 && columns[4].StartsWith("!v/", StringComparison.Ordinal)).Select(columns => columns[4][3..]);
            return new(new HashSet<string>(languages, StringComparer.OrdinalIgnoreCase), new HashSet<string>(variants, StringComparer.Ordinal));
        }

        private static List<string[]> Table(string argument)
        {
            // Once per process, so a plain synchronous call.
            using var process = Process.Start(new ProcessStartInfo("espeak-ng", argument) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var table = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return table.Split('\n').Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(columns => columns.Length > 4).ToList();
        }
    }
}
