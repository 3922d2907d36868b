namespace VideoTranslation.Pipeline.Recognition;

/// <summary>
/// Word error rate: (substitutions + deletions + insertions) / reference words, by word-level edit distance,
/// after lower-casing and dropping punctuation. 0 is perfect; it can exceed 1 when the hypothesis rambles.
/// </summary>
public static class WordErrorRate
{
    public static double Compute(string reference, string hypothesis)
    {
        var expected = Normalize(reference);
        var actual = Normalize(hypothesis);
        if (expected.Length == 0)
        {
            return actual.Length == 0 ? 0 : 1;
        }

        // Two rows of the classic dynamic programme are enough.
        var previous = Enumerable.Range(0, actual.Length + 1).ToArray();
        var current = new int[actual.Length + 1];
        for (var i = 1; i <= expected.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= actual.Length; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[actual.Length] / (double)expected.Length;
    }

    public static string[] Normalize(string text) =>
        new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
