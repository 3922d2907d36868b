using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Editing;

/// <summary>Turns what the pipeline computes (sentences in cues, translations laid over them) into editable tracks, and tracks back into cues.</summary>
public static class CueTracks
{
    /// <summary>The source track of freshly segmented sentences: cues <c>c1</c>, <c>c2</c>, … in order.</summary>
    public static CueTrack Source(IReadOnlyList<SentenceCues> sentences)
    {
        var cues = new List<TrackCue>();
        for (var s = 0; s < sentences.Count; s++)
        {
            foreach (var cue in sentences[s].Cues)
            {
                cues.Add(new TrackCue { Id = $"c{cues.Count + 1}", Start = Seconds(cue.Start), End = Seconds(cue.End), Text = cue.Text, Speaker = cue.Speaker, Sentence = s });
            }
        }

        return new CueTrack(CueTrack.SourceTrack, 0, cues);
    }

    /// <summary>The sentences of a source track, each cue's text broken into lines by <paramref name="lines"/>: what translation and the dub work from.</summary>
    public static IReadOnlyList<SentenceCues> Sentences(CueTrack source, LineBreaker lines) =>
    [
        .. source.Cues.GroupBy(cue => cue.Sentence).OrderBy(group => group.Key).Select(group =>
        {
            var cues = group.Select(cue => ToCue(cue, lines)).ToList();
            var words = cues.Select(cue => new TranscribedWord(cue.Text, cue.Start, cue.End, Speaker: cue.Speaker)).ToList();
            return new SentenceCues(new Sentence(words), cues);
        }),
    ];

    /// <summary>
    /// The track of a translation laid over the source: each translated cue takes the id of the source cue whose time it
    /// shares (<c>c3</c>, then <c>c3-2</c>, … where one source cue's text needed several).
    /// </summary>
    /// <param name="sourceIds">The ids of the sentence's source cues, in order (<see cref="SourceIdsBySentence"/>).</param>
    public static IReadOnlyList<TrackCue> Translated(IReadOnlyList<string> sourceIds, int sentence, IReadOnlyList<(Cue Cue, int SourceCue)> laidOut)
    {
        var seen = new Dictionary<int, int>();
        return
        [
            .. laidOut.Select(part =>
            {
                var count = seen[part.SourceCue] = seen.GetValueOrDefault(part.SourceCue) + 1;
                var sourceId = sourceIds[part.SourceCue];
                return new TrackCue
                {
                    Id = count == 1 ? sourceId : $"{sourceId}-{count}",
                    Start = Seconds(part.Cue.Start),
                    End = Seconds(part.Cue.End),
                    Text = part.Cue.Text,
                    SourceIds = [sourceId],
                    Speaker = part.Cue.Speaker,
                    Sentence = sentence,
                };
            }),
        ];
    }

    /// <summary>The source cues' ids of each sentence, looked up once rather than searched for each sentence.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> SourceIdsBySentence(CueTrack source, int sentences)
    {
        var ids = source.Cues.ToLookup(cue => cue.Sentence, cue => cue.Id);
        return [.. Enumerable.Range(0, sentences).Select(sentence => (IReadOnlyList<string>)[.. ids[sentence]])];
    }

    /// <summary>A track cue as a subtitle: its text broken into lines (kept on one line where no layout fits it).</summary>
    public static Cue ToCue(TrackCue cue, LineBreaker lines) =>
        new(TimeSpan.FromSeconds(cue.Start), TimeSpan.FromSeconds(cue.End), lines.Break(cue.Text) ?? [cue.Text], cue.Speaker);

    private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 3);
}
