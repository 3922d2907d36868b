namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Professional timed-text rules (after the Netflix timed text style guide): line length, lines per cue,
/// cue duration, reading speed and the gap between cues.
/// </summary>
public sealed record SubtitleRules
{
    public int MaxLineLength { get; init; } = 42;

    public int MaxLines { get; init; } = 2;

    /// <summary>Five sixths of a second, the shortest a cue is shown.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromSeconds(5.0 / 6);

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>Reading speed limit, met where the timing allows (a cue may stay up into the following silence).</summary>
    public double MaxCharactersPerSecond { get; init; } = 17;

    /// <summary>Frame rate of the video, for the gap between cues.</summary>
    public double FramesPerSecond { get; init; } = 25;

    public int MinGapFrames { get; init; } = 2;

    /// <summary>In a transcript without punctuation, a pause at least this long always ends a sentence.</summary>
    public TimeSpan SentencePause { get; init; } = TimeSpan.FromSeconds(0.6);

    /// <summary>
    /// A shorter pause ends a sentence too when it stands out: at least this long and at least
    /// <see cref="RelativeSentencePause"/> times the transcript's median pause between words. Speakers differ:
    /// flite pauses 0.16-0.27 s between sentences and 0.01 s between words; people pause longer everywhere.
    /// </summary>
    public TimeSpan MinSentencePause { get; init; } = TimeSpan.FromSeconds(0.15);

    public double RelativeSentencePause { get; init; } = 5;

    public TimeSpan MinGap => TimeSpan.FromSeconds(MinGapFrames / FramesPerSecond);

    public int MaxCueLength => MaxLineLength * MaxLines;
}
