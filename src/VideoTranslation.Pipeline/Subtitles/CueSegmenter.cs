using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Turns sentences of timed words into subtitle cues that follow <see cref="SubtitleRules"/>. A sentence is cut
/// into cues only where it must be (too long to show, or to say, in one cue), and then at the best place: after
/// punctuation, at a pause, before a conjunction, never after an article. Cue timing then follows the speech,
/// stretched to the minimum duration and to a comfortable reading speed where the silence after allows,
/// and kept a few frames clear of the next cue.
/// </summary>
public sealed class CueSegmenter(SubtitleRules rules, string language)
{
    private readonly LineBreaker lines = new(rules, language);

    /// <summary>Cues for each sentence; no cue ends after <paramref name="mediaDuration"/> when it is given.</summary>
    public IReadOnlyList<SentenceCues> Segment(IReadOnlyList<Sentence> sentences, TimeSpan? mediaDuration = null)
    {
        var chunks = sentences.Select(sentence => Chunk(sentence.Words)).ToList();
        var flat = chunks.SelectMany(sentenceChunks => sentenceChunks).ToList();
        var cues = Time(flat, mediaDuration ?? TimeSpan.MaxValue);

        var result = new List<SentenceCues>(sentences.Count);
        var next = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            result.Add(new SentenceCues(sentences[i], cues.GetRange(next, chunks[i].Count)));
            next += chunks[i].Count;
        }

        return result;
    }

    /// <summary>Splits a sentence's words into groups that each fit one cue.</summary>
    private List<IReadOnlyList<TranscribedWord>> Chunk(IReadOnlyList<TranscribedWord> words)
    {
        var chunks = new List<IReadOnlyList<TranscribedWord>>();
        var start = 0;
        while (start < words.Count)
        {
            var end = start + 1; // exclusive; one word always makes a cue
            while (end < words.Count && Fits(words, start, end + 1))
            {
                end++;
            }

            if (end < words.Count)
            {
                end = BestSplit(words, start, end);
            }

            chunks.Add(Slice(words, start, end));
            start = end;
        }

        return chunks;
    }

    /// <summary>
    /// Where to end a cue that cannot take all of the sentence's remaining words: somewhere in the later half of
    /// what fits, at the best boundary; when the rest would then fit in one cue, near the middle instead, so two
    /// balanced cues replace a long one and a stub.
    /// </summary>
    private int BestSplit(IReadOnlyList<TranscribedWord> words, int start, int maxEnd)
    {
        var restFits = Fits(words, start + ((maxEnd - start) / 2), words.Count);
        var best = maxEnd;
        var bestScore = double.MinValue;
        for (var end = maxEnd; end > start + Math.Max(0, (maxEnd - start - 1) / 2); end--)
        {
            var before = words[end - 1];
            var after = words[end];
            var score = 0.0;
            if (LineBreaker.EndsClause(before.Text))
            {
                score += 3;
            }

            score += Math.Min((after.Start - before.End).TotalSeconds, 1) * 4;
            if (LanguageWords.IsConjunction(language, after.Text))
            {
                score += 1.5;
            }

            if (LanguageWords.BindsToNext(language, before.Text))
            {
                score -= 100;
            }

            if (restFits && Fits(words, end, words.Count))
            {
                var here = Text(words, start, end).Length;
                var rest = Text(words, end, words.Count).Length;
                score -= Math.Abs(here - rest) / 10.0;
            }
            else
            {
                score += (end - start) / (double)(maxEnd - start); // otherwise fill the cue
            }

            if (score > bestScore)
            {
                (best, bestScore) = (end, score);
            }
        }

        return best;
    }

    private bool Fits(IReadOnlyList<TranscribedWord> words, int start, int end) =>
        words[end - 1].End - words[start].Start <= rules.MaxDuration && lines.Fits(Text(words, start, end));

    /// <summary>Times every cue: follow the speech, then stretch for minimum duration and reading speed, within the gap rule.</summary>
    private List<Cue> Time(List<IReadOnlyList<TranscribedWord>> chunks, TimeSpan mediaEnd)
    {
        var cues = new List<Cue>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var words = chunks[i];
            var text = string.Join(' ', words.Select(word => word.Text));
            var start = words[0].Start;
            var spoken = words[^1].End;
            var readable = start + TimeSpan.FromSeconds(text.Length / rules.MaxCharactersPerSecond);
            var wanted = Max(spoken, Max(start + rules.MinDuration, readable));

            var latest = Min(start + rules.MaxDuration, mediaEnd);
            if (i + 1 < chunks.Count)
            {
                latest = Min(latest, chunks[i + 1][0].Start - rules.MinGap);
            }

            var end = Max(Min(wanted, latest), start + TimeSpan.FromMilliseconds(1));

            cues.Add(new Cue(start, end, lines.Break(text) ?? [text], words[0].Speaker));
        }

        return cues;
    }

    private static IReadOnlyList<TranscribedWord> Slice(IReadOnlyList<TranscribedWord> words, int start, int end) =>
        [.. words.Skip(start).Take(end - start)];

    private static string Text(IReadOnlyList<TranscribedWord> words, int start, int end) =>
        string.Join(' ', words.Skip(start).Take(end - start).Select(word => word.Text));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
