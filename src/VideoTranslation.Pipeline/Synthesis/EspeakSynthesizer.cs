using System.Diagnostics;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.Synthesis;

/// <summary>
/// The offline default: eSpeak NG, with voices for about a hundred languages. Voices are named by lowercase
/// language tags (<c>es</c>, <c>pt-br</c>, <c>es-419</c>); a regional request falls back to the language's voice.
/// Text goes in on standard input, never as an argument, so it cannot be read as an option.
/// </summary>
public sealed class EspeakSynthesizer : ISpeechSynthesizer
{
    private readonly Lazy<HashSet<string>> voices = new(ListVoices);

    public string Name => "espeak-ng";

    public bool Supports(LanguageCode language) => VoiceFor(language) is not null;

    public async Task SynthesizeAsync(string text, LanguageCode language, string? voice, string outputWav, CancellationToken cancellationToken)
    {
        var chosen = voice ?? VoiceFor(language)
            ?? throw new UnsupportedLanguageException($"espeak-ng has no voice for '{language}'.", [.. voices.Value.Order(StringComparer.Ordinal)]);
        await ExternalTool.RunAsync("espeak-ng", ["-v", chosen, "--stdin", "-w", outputWav], cancellationToken, standardInput: text);
    }

    private string? VoiceFor(LanguageCode language)
    {
        var tag = language.Value.ToLowerInvariant();
        if (voices.Value.Contains(tag))
        {
            return tag;
        }

        // Some languages are listed only by region (en-gb, en-us; fr-fr): espeak-ng takes the plain language for its main voice.
        return voices.Value.Contains(language.Language) || voices.Value.Any(voice => voice.StartsWith(language.Language + "-", StringComparison.Ordinal))
            ? language.Language
            : null;
    }

    private static HashSet<string> ListVoices()
    {
        if (!ExternalTool.IsInstalled("espeak-ng"))
        {
            return [];
        }

        // Once per process, so a plain synchronous call. `espeak-ng --voices` prints a table whose second
        // column is each voice's language tag.
        using var process = Process.Start(new ProcessStartInfo("espeak-ng", "--voices") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var table = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. table.Split('\n').Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(columns => columns.Length > 1).Select(columns => columns[1])];
    }
}
