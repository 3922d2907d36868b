using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Groups a transcript's words into sentences. With punctuation (Whisper, provided subtitles) a sentence ends
/// at a word ending in . ? ! or …; without it (pocketsphinx) at a pause of at least
/// <see cref="SubtitleRules.SentencePause"/>, at a pause that stands out from the speaker's usual ones, or
/// at the end of an utterance; the sentence then gets a capital letter and a full stop so it reads, and
/// translates, as one.
/// </summary>
public static class SentenceSplitter
{
    public static IReadOnlyList<Sentence> Split(Transcript transcript, SubtitleRules rules)
    {
        var sentences = new List<Sentence>();
        var current = new List<TranscribedWord>();
        var boundary = transcript.HasPunctuation ? TimeSpan.MaxValue : PauseThreshold(transcript, rules);
        for (var s = 0; s < transcript.Segments.Count; s++)
        {
            var segment = transcript.Segments[s];
            for (var i = 0; i < segment.Words.Count; i++)
            {
                var word = segment.Words[i];
                current.Add(word);
                var last = i == segment.Words.Count - 1;
                var ends = transcript.HasPunctuation
                    ? EndsSentence(word.Text)
                    : last || segment.Words[i + 1].Start - word.End >= boundary;
                if (ends)
                {
                    sentences.Add(Finish(current, transcript));
                    current = [];
                }
            }

            // A sentence never spans two speakers: segments end where the speaker changes, and so does the sentence.
            if (current.Count > 0 && (!transcript.HasPunctuation || (s + 1 < transcript.Segments.Count && transcript.Segments[s + 1].Speaker != segment.Speaker)))
            {
                sentences.Add(Finish(current, transcript));
                current = [];
            }
        }

        if (current.Count > 0)
        {
            sentences.Add(Finish(current, transcript));
        }

        return sentences;
    }

    /// <summary>The pause that ends a sentence in this transcript (see <see cref="SubtitleRules.MinSentencePause"/>).</summary>
    public static TimeSpan PauseThreshold(Transcript transcript, SubtitleRules rules)
    {
        var gaps = transcript.Segments
            .SelectMany(segment => segment.Words.Zip(segment.Words.Skip(1), (a, b) => b.Start - a.End))
            .Order()
            .ToList();
        if (gaps.Count == 0)
        {
            return rules.SentencePause;
        }

        var relative = gaps[gaps.Count / 2] * rules.RelativeSentencePause;
        var standsOut = relative > rules.MinSentencePause ? relative : rules.MinSentencePause;
        return standsOut < rules.SentencePause ? standsOut : rules.SentencePause;
    }

    public static bool EndsSentence(string word) => word.Length > 0 && word.TrimEnd('"', '\'', ')', '»', '”')[^1..] is "." or "?" or "!" or "…";

    private static Sentence Finish(List<TranscribedWord> words, Transcript transcript)
    {
        if (transcript.HasPunctuation)
        {
            return new Sentence([.. words]);
        }

        var english = transcript.Language.StartsWith("en", StringComparison.Ordinal);
        var display = words.Select((word, index) =>
        {
            var text = english && word.Text is "i" or "i'm" or "i'll" or "i've" or "i'd" ? "I" + word.Text[1..] : word.Text;
            if (index == 0)
            {
                text = char.ToUpperInvariant(text[0]) + text[1..];
            }

            if (index == words.Count - 1)
            {
                text += ".";
            }

            return word with { Text = text };
        }).ToList();
        return new Sentence(display);
    }
}
