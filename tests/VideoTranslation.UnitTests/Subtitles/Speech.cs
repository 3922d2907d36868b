using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.UnitTests.Subtitles;

/// <summary>Builds timed words as a recognizer would report them.</summary>
internal static class Speech
{
    /// <summary>Each word lasts <paramref name="wordSeconds"/>, followed by <paramref name="gapSeconds"/> of silence.</summary>
    public static List<TranscribedWord> Words(string text, double startSeconds = 0, double wordSeconds = 0.3, double gapSeconds = 0.05)
    {
        var words = new List<TranscribedWord>();
        var t = startSeconds;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words.Add(new TranscribedWord(word, TimeSpan.FromSeconds(t), TimeSpan.FromSeconds(t + wordSeconds)));
            t += wordSeconds + gapSeconds;
        }

        return words;
    }

    public static Sentence Sentence(string text, double startSeconds = 0, double wordSeconds = 0.3, double gapSeconds = 0.05) =>
        new(Words(text, startSeconds, wordSeconds, gapSeconds));
}
