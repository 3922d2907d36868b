namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Lays each translated sentence over the cues its source sentence was shown in. Whole sentences are translated
/// (a sentence cut across two cues and translated piecewise loses its grammar); the translation is then cut
/// into as many parts as there were cues, in proportion to the source cues' lengths, at the best word boundary
/// near each proportional point (after punctuation, never after an article). Each part keeps its cue's timing;
/// a part too long for one cue is shown in consecutive cues that share that cue's time.
/// </summary>
public sealed class TranslationLayout(SubtitleRules rules, string targetLanguage)
{
    private readonly LineBreaker lines = new(rules, targetLanguage);

    public IReadOnlyList<Cue> Layout(IReadOnlyList<SentenceCues> sentences, IReadOnlyList<string> translations) =>
        [.. LayoutBySentence(sentences, translations).SelectMany(cues => cues)];

    /// <summary>The translated cues grouped by sentence, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Cue>> LayoutBySentence(IReadOnlyList<SentenceCues> sentences, IReadOnlyList<string> translations)
    {
        if (sentences.Count != translations.Count)
        {
            throw new ArgumentException($"{translations.Count} translations for {sentences.Count} sentences.", nameof(translations));
        }

        return [.. sentences.Zip(translations, (sentence, translation) => (IReadOnlyList<Cue>)[.. LayoutSentence(sentence, translation).Select(part => part.Cue)])];
    }

    /// <summary>One sentence's translation over its cues: each translated cue with the index of the source cue whose time it takes.</summary>
    public IReadOnlyList<(Cue Cue, int SourceCue)> LayoutSentence(SentenceCues sentence, string translation)
    {
        var source = sentence.Cues;
        var parts = Split(translation.Split(' ', StringSplitOptions.RemoveEmptyEntries), source);
        var cues = new List<(Cue, int)>();
        for (var c = 0; c < source.Count; c++)
        {
            if (parts[c].Length > 0)
            {
                cues.AddRange(Fit(parts[c], source[c]).Select(cue => (cue, c)));
            }
        }

        return cues;
    }

    /// <summary>Cuts the translated words into one part per source cue.</summary>
    private string[] Split(string[] words, IReadOnlyList<Cue> source)
    {
        var parts = new string[source.Count];
        var total = source.Sum(cue => cue.Text.Length);
        var translatedLength = string.Join(' ', words).Length;
        var start = 0;
        var sourceSoFar = 0;
        for (var c = 0; c < source.Count - 1; c++)
        {
            sourceSoFar += source[c].Text.Length;
            var target = translatedLength * (double)sourceSoFar / total;
            var end = BestBoundary(words, start, source.Count - 1 - c, target);
            parts[c] = string.Join(' ', words[start..end]);
            start = end;
        }

        parts[^1] = string.Join(' ', words[start..]);
        return parts;
    }

    /// <summary>The word index to end a part at: near <paramref name="targetPosition"/> characters, at a good boundary, leaving words for the parts after.</summary>
    private int BestBoundary(string[] words, int start, int partsAfter, double targetPosition)
    {
        var best = start;
        var bestCost = double.MaxValue;
        var position = words[..start].Sum(word => word.Length + 1);
        for (var end = start + 1; end <= words.Length - Math.Min(partsAfter, words.Length - start - 1); end++)
        {
            position += words[end - 1].Length + 1;
            var cost = Math.Abs(position - 1 - targetPosition);
            if (LineBreaker.EndsClause(words[end - 1]))
            {
                cost -= 8;
            }

            if (LanguageWords.BindsToNext(targetLanguage, words[end - 1]))
            {
                cost += 20;
            }

            if (cost < bestCost)
            {
                (best, bestCost) = (end, cost);
            }
        }

        return Math.Max(best, Math.Min(start + 1, words.Length));
    }

    /// <summary>The part in its cue's time; when it needs more than one cue, that time is shared in proportion to length.</summary>
    private List<Cue> Fit(string part, Cue source)
    {
        if (lines.Break(part) is { } fitted)
        {
            return [source with { Lines = fitted }];
        }

        var pieces = new List<string>();
        var current = new List<string>();
        foreach (var word in part.Split(' '))
        {
            if (current.Count > 0 && !lines.Fits(string.Join(' ', current.Append(word))))
            {
                pieces.Add(string.Join(' ', current));
                current.Clear();
            }

            current.Add(word);
        }

        pieces.Add(string.Join(' ', current));
        var totalLength = pieces.Sum(piece => piece.Length);
        var gaps = rules.MinGap * (pieces.Count - 1);
        var available = source.Duration - gaps;
        var at = source.Start;
        var cues = new List<Cue>();
        foreach (var piece in pieces)
        {
            var length = available * (piece.Length / (double)totalLength);
            cues.Add(new Cue(at, at + length, lines.Break(piece) ?? [piece], source.Speaker));
            at += length + rules.MinGap;
        }

        return cues;
    }
}
