using System.Globalization;
using System.Text.RegularExpressions;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Recognition;

/// <summary>
/// The offline default for English: CMU pocketsphinx (<c>pocketsphinx_continuous -time yes</c>), which prints each
/// utterance's hypothesis followed by one line per word: <c>word start end confidence</c>, times in seconds
/// from the start of the file. It gives neither punctuation nor casing.
/// </summary>
public sealed partial class PocketsphinxRecognizer(PocketsphinxOptions options) : ISpeechRecognizer
{
    public string Name => "pocketsphinx";

    /// <summary>English only; it cannot tell languages apart, so not <see cref="LanguageCode.Auto"/>.</summary>
    public bool Supports(LanguageCode language) => language.Language == "en" && File.Exists(options.Dictionary);

    public async Task<Transcript> RecognizeAsync(string wavPath, LanguageCode language, CancellationToken cancellationToken)
    {
        if (language.Language != "en")
        {
            throw new NotSupportedException($"pocketsphinx recognizes English only, not '{language}'. Use the whisper or openai recognizer for other languages.");
        }

        if (!File.Exists(wavPath))
        {
            // pocketsphinx's own message would go to its log, which is silenced.
            throw new FileNotFoundException($"No audio to recognize at {wavPath}.", wavPath);
        }

        var result = await ExternalTool.RunAsync(options.Executable,
        [
            "-infile", wavPath, "-time", "yes", "-logfn", "/dev/null",
            "-hmm", options.AcousticModel, "-lm", options.LanguageModel, "-dict", options.Dictionary,
        ], cancellationToken);
        return new Transcript(language.Value, Name, HasPunctuation: false, Parse(result.StandardOutput));
    }

    /// <summary>Reads pocketsphinx's timed output into segments of real words (fillers and silences dropped).</summary>
    public static IReadOnlyList<TranscriptSegment> Parse(string output)
    {
        var segments = new List<TranscriptSegment>();
        var words = new List<TranscribedWord>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && TryTime(parts[1], out var start) && TryTime(parts[2], out var end)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence))
            {
                if (!IsFiller(parts[0]))
                {
                    words.Add(new TranscribedWord(Variant().Replace(parts[0], ""), start, end, Math.Clamp(confidence, 0, 1)));
                }

                continue;
            }

            // Any other line is the next utterance's hypothesis: close the current one.
            Flush(segments, words);
        }

        Flush(segments, words);
        return segments;
    }

    private static void Flush(List<TranscriptSegment> segments, List<TranscribedWord> words)
    {
        if (words.Count > 0)
        {
            segments.Add(new TranscriptSegment(words[0].Start, words[^1].End, [.. words]));
            words.Clear();
        }
    }

    private static bool IsFiller(string token) => token.StartsWith('<') || token.StartsWith('[') || token.StartsWith("++", StringComparison.Ordinal);

    private static bool TryTime(string value, out TimeSpan time)
    {
        var ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds);
        time = ok ? TimeSpan.FromSeconds(seconds) : default;
        return ok;
    }

    /// <summary>Alternative pronunciations are marked <c>word(2)</c>.</summary>
    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex Variant();
}
