using System.Collections.Concurrent;
using System.Diagnostics;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Speakers;
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
    // Variants that sound apart, from the lowest male to the highest female voice; the others are mostly effects.
    private static readonly string[] RegisterVariants = ["m7", "m3", "m1", "", "m2", "m4", "m6", "f4", "f1", "f2", "f5", "f3"];
    private const string PitchSample = "one two three four five six seven eight nine ten, and that is all.";

    private readonly Lazy<EspeakVoices> voices = new(EspeakVoices.List);
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<RegisterVoice>>> registers = new(StringComparer.Ordinal);

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

    /// <remarks>Measured, not taken from the variant files: a variant's pitch depends on the language's voice it modifies.</remarks>
    public async Task<IReadOnlyList<RegisterVoice>> RegisterVoicesAsync(LanguageCode language, CancellationToken cancellationToken)
    {
        var voice = voices.Value.For(language) ?? throw new UnsupportedLanguageException($"espeak-ng has no voice for '{language}'.", []);
        var measuring = registers.GetOrAdd(voice, MeasureAsync);
        try
        {
            return await measuring.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            registers.TryRemove(new KeyValuePair<string, Task<IReadOnlyList<RegisterVoice>>>(voice, measuring)); // measured again next time
            throw;
        }
    }

    /// <summary>Speaks a sample with each variant of <paramref name="voice"/> and measures its median pitch.</summary>
    private async Task<IReadOnlyList<RegisterVoice>> MeasureAsync(string voice)
    {
        var directory = Directory.CreateTempSubdirectory("vts-voices-");
        try
        {
            var measured = new List<RegisterVoice>();
            foreach (var name in RegisterVariants.Select(variant => variant.Length == 0 ? voice : $"{voice}+{variant}").Where(voices.Value.Contains))
            {
                var wav = Path.Combine(directory.FullName, $"{measured.Count}.wav");
                await ExternalTool.RunAsync("espeak-ng", ["-v", name, "--stdin", "-w", wav], CancellationToken.None, standardInput: PitchSample);
                measured.Add(new RegisterVoice(name, Math.Round(SpeechFrames.Read(wav, CancellationToken.None).MedianPitch(), 1)));
            }

            return measured;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
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
