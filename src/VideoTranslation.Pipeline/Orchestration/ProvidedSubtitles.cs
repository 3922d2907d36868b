using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// Source subtitles given with the job replace speech recognition. Their cues are kept exactly; consecutive cues
/// are grouped into sentences (a sentence ends with a cue that ends in . ? ! or …), so translation still sees
/// whole sentences. Word timings are spread evenly over each cue.
/// </summary>
public static class ProvidedSubtitles
{
    public static (Transcript Transcript, IReadOnlyList<SentenceCues> Sentences) ToSentences(IReadOnlyList<Cue> cues, LanguageCode language)
    {
        var segments = cues.Select(cue => new TranscriptSegment(cue.Start, cue.End, Words(cue))).ToList();
        var sentences = new List<SentenceCues>();
        var group = new List<int>();
        for (var i = 0; i < cues.Count; i++)
        {
            group.Add(i);
            if (i == cues.Count - 1 || SentenceSplitter.EndsSentence(cues[i].Text))
            {
                sentences.Add(new SentenceCues(new Sentence([.. group.SelectMany(c => segments[c].Words)]), [.. group.Select(c => cues[c])]));
                group.Clear();
            }
        }

        return (new Transcript(language.Value, "subtitles", HasPunctuation: true, segments), sentences);
    }

    private static List<TranscribedWord> Words(Cue cue)
    {
        var words = cue.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var step = cue.Duration / Math.Max(1, words.Length);
        return [.. words.Select((word, i) => new TranscribedWord(word, cue.Start + (step * i), cue.Start + (step * (i + 1))))];
    }
}
