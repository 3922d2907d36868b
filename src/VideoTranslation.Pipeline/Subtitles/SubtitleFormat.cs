namespace VideoTranslation.Pipeline.Subtitles;

public enum SubtitleFormat
{
    /// <summary>SubRip (.srt): numbered cues, <c>00:00:01,000</c> times.</summary>
    Srt,

    /// <summary>WebVTT (.vtt): a <c>WEBVTT</c> header, <c>00:00:01.000</c> times.</summary>
    WebVtt,
}
