using System.Diagnostics;
using System.Globalization;
using System.Text;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Benchmarks;

/// <summary>
/// What a bridge costs: for every target English reaches here, the time to translate the benchmark's speech (as one
/// job's sentences) into it, beside the time into its bridge language, side by side in one run; the median of five.
/// </summary>
internal static class BridgeBenchmark
{
    private const int Runs = 5;

    public static async Task RunAsync(double seconds)
    {
        var translator = new ApertiumTranslator(new ApertiumOptions());
        var english = LanguageCode.Parse("en");
        var sentences = BenchmarkSpeech.For(seconds).Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(sentence => sentence.TrimEnd('.') + ".").ToList();
        var targets = translator.SupportedPairs.Where(pair => pair.StartsWith("en->", StringComparison.Ordinal)).Select(pair => LanguageCode.Parse(pair[4..])).ToList();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            times[target.Value] = await MedianSecondsAsync(() => translator.TranslateAsync(sentences, english, target, Glossary.Empty, CancellationToken.None));
        }

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{sentences.Count} sentences ({seconds:0} s of the benchmark's speech), median of {Runs} runs:")
            .AppendLine()
            .AppendLine("| target | via | time (s) | time to the bridge language (s) | added by the bridge (s) | added |")
            .AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var target in targets)
        {
            var via = translator.BridgeOf(english, target);
            var row = via is null
                ? string.Create(CultureInfo.InvariantCulture, $"| {target} | direct | {times[target.Value]:0.00} | | | |")
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {target} | {via} | {times[target.Value]:0.00} | {times[via]:0.00} | {times[target.Value] - times[via]:0.00} | {(times[target.Value] - times[via]) / times[via] * 100:0}% |");
            table.AppendLine(row);
        }

        Console.WriteLine(table);
    }

    private static async Task<double> MedianSecondsAsync(Func<Task> run)
    {
        var seconds = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        return seconds.Order().ElementAt(Runs / 2);
    }
}
