namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Breaks a cue's text into lines: one line when it fits, otherwise the best of all two-line splits. A split
/// is allowed only when both lines fit and the upper one does not end with an article or preposition; among those it prefers a break after punctuation, then before a
/// conjunction, and lines of similar length (the lower one longer).
/// </summary>
public sealed class LineBreaker(SubtitleRules rules, string language)
{
    /// <summary>The lines, or null when the text cannot be shown in the allowed lines.</summary>
    public IReadOnlyList<string>? Break(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        if (joined.Length <= rules.MaxLineLength)
        {
            return [joined];
        }

        if (rules.MaxLines < 2)
        {
            return null;
        }

        string[]? best = null;
        var bestCost = double.MaxValue;
        for (var split = 1; split < words.Length; split++)
        {
            var top = string.Join(' ', words[..split]);
            var bottom = string.Join(' ', words[split..]);
            // Both lines must fit, and an article or preposition never ends a line ("the / house").
            if (top.Length > rules.MaxLineLength || bottom.Length > rules.MaxLineLength || LanguageWords.BindsToNext(language, words[split - 1]))
            {
                continue;
            }

            var cost = Cost(words[split - 1], words[split], top.Length, bottom.Length);
            if (cost < bestCost)
            {
                (best, bestCost) = ([top, bottom], cost);
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="text"/> can be shown in one cue.</summary>
    public bool Fits(string text) => Break(text) is not null;

    private double Cost(string lastOfTop, string firstOfBottom, int topLength, int bottomLength)
    {
        var cost = (double)Math.Abs(topLength - bottomLength);
        if (topLength > bottomLength)
        {
            cost += 2; // a pyramid: the lower line longer reads more easily
        }

        if (EndsClause(lastOfTop))
        {
            cost -= 30;
        }
        else if (LanguageWords.IsConjunction(language, firstOfBottom))
        {
            cost -= 15;
        }

        return cost;
    }

    internal static bool EndsClause(string word) => word.Length > 0 && word[^1] is ',' or ';' or ':' or '.' or '?' or '!' or '…';
}
