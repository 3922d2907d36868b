using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// Source subtitles given with the job replace speech recognition. Their cues are kept exactly; consecutive cues
/// are grouped into sentences (a sentence ends with a cue that ends in . ? ! or …), so translation still sees
/// whole sentences. Word timings are spread evenly over each cue. WebVTT voice spans (<c>&lt;v Name&gt;</c>) name the
/// speakers: they become <c>S1</c>, <c>S2</c>, … in order of first appearance, keeping their names, and a sentence
/// ends where the speaker changes. Without any, everything is the one speaker's.
/// </summary>
public static class ProvidedSubtitles
{
    public static (Transcript Transcript, IReadOnlyList<SentenceCues> Sentences, IReadOnlyList<SpeakerProfile> Speakers) ToSentences(IReadOnlyList<Cue> cues, LanguageCode language)
    {
        var names = new List<string>();
        foreach (var name in cues.Select(cue => cue.Speaker).OfType<string>().Where(name => !names.Contains(name)).Take(SpeakerDiarizer.MaxSpeakers))
        {
            names.Add(name);
        }

        // A cue without a name (or past the tenth) is the speaker of the cue before it.
        var labelled = new List<Cue>(cues.Count);
        var current = SpeakerProfile.Label(0);
        foreach (var cue in cues)
        {
            current = cue.Speaker is { } name && names.IndexOf(name) is >= 0 and var index ? SpeakerProfile.Label(index) : current;
            labelled.Add(cue with { Speaker = current });
        }

        cues = labelled;
        var segments = cues.Select(cue => new TranscriptSegment(cue.Start, cue.End, Words(cue), cue.Speaker)).ToList();
        var sentences = new List<SentenceCues>();
        var group = new List<int>();
        for (var i = 0; i < cues.Count; i++)
        {
            group.Add(i);
            if (i == cues.Count - 1 || SentenceSplitter.EndsSentence(cues[i].Text) || cues[i + 1].Speaker != cues[i].Speaker)
            {
                sentences.Add(new SentenceCues(new Sentence([.. group.SelectMany(c => segments[c].Words)]), [.. group.Select(c => cues[c])]));
                group.Clear();
            }
        }

        IReadOnlyList<SpeakerProfile> speakers = names.Count == 0
            ? [new SpeakerProfile(SpeakerProfile.Label(0), 0)]
            : [.. names.Select((name, index) => new SpeakerProfile(SpeakerProfile.Label(index), 0, name))];
        return (new Transcript(language.Value, "subtitles", HasPunctuation: true, segments), sentences, speakers);
    }

    private static List<TranscribedWord> Words(Cue cue)
    {
        var words = cue.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var step = cue.Duration / Math.Max(1, words.Length);
        return [.. words.Select((word, i) => new TranscribedWord(word, cue.Start + (step * i), cue.Start + (step * (i + 1)), Speaker: cue.Speaker))];
    }
}
