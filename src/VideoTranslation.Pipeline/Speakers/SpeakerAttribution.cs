using VideoTranslation.Pipeline.Recognition;

namespace VideoTranslation.Pipeline.Speakers;

/// <summary>Gives a transcript's words their speakers, and splits its segments where the speaker changes.</summary>
public static class SpeakerAttribution
{
    public static Transcript Attribute(Transcript transcript, Diarization diarization)
    {
        var segments = new List<TranscriptSegment>();
        foreach (var segment in transcript.Segments)
        {
            var words = segment.Words.Select(word => word with { Speaker = diarization.SpeakerAt(word.Start, word.End) }).ToList();
            var start = 0;
            for (var i = 1; i <= words.Count; i++)
            {
                if (i == words.Count || words[i].Speaker != words[start].Speaker)
                {
                    var part = words[start..i];
                    segments.Add(new TranscriptSegment(
                        start == 0 ? segment.Start : part[0].Start, i == words.Count ? segment.End : part[^1].End, part, part[0].Speaker));
                    start = i;
                }
            }

            if (words.Count == 0)
            {
                segments.Add(segment with { Speaker = diarization.SpeakerAt(segment.Start, segment.End) });
            }
        }

        return transcript with { Segments = segments };
    }
}
