namespace VideoTranslation.Benchmarks;

/// <summary>The English the benchmarks speak: about 2.5 sentences every ten seconds, which fills a video with speech and short pauses.</summary>
internal static class BenchmarkSpeech
{
    private static readonly string[] Sentences =
    [
        "Good morning everyone.", "The house is very big.", "We will go to the beach tomorrow.", "The weather is very good today.",
        "My brother works in a small office.", "The children play in the park after school.", "She reads a book every night.",
        "The train leaves at nine in the morning.", "We eat dinner with our friends on Sunday.", "The city has many old buildings.",
    ];

    public static string For(double seconds) => string.Join(' ', Enumerable.Range(0, (int)(seconds / 4)).Select(i => Sentences[i % Sentences.Length]));
}
