using System.Globalization;
using System.Text;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Writes cues as SubRip or WebVTT text. Where the cues have more than one speaker, WebVTT names each cue's speaker in
/// a voice span (<c>&lt;v S1&gt;</c>), which players show or style; SubRip has no such markup and stays plain.
/// </summary>
public static class SubtitleWriter
{
    public static string Write(IEnumerable<Cue> cues, SubtitleFormat format)
    {
        var all = cues as IReadOnlyList<Cue> ?? [.. cues];
        var voices = format == SubtitleFormat.WebVtt && all.Select(cue => cue.Speaker).Where(speaker => speaker is not null).Distinct().Skip(1).Any();
        var text = new StringBuilder();
        if (format == SubtitleFormat.WebVtt)
        {
            text.Append("WEBVTT\n\n");
        }

        var number = 0;
        foreach (var cue in all)
        {
            number++;
            if (format == SubtitleFormat.Srt)
            {
                text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            var separator = format == SubtitleFormat.Srt ? ',' : '.';
            text.Append(Timestamp(cue.Start, separator)).Append(" --> ").Append(Timestamp(cue.End, separator)).Append('\n');
            for (var i = 0; i < cue.Lines.Count; i++)
            {
                var flat = OneLine(cue.Lines[i]);
                if (voices && i == 0 && cue.Speaker is { } speaker)
                {
                    text.Append("<v ").Append(EscapeVtt(speaker).Replace(">", "&gt;", StringComparison.Ordinal)).Append('>');
                }

                text.Append(format == SubtitleFormat.WebVtt ? EscapeVtt(flat) : flat).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Timestamp(TimeSpan time, char millisecondSeparator)
    {
        var ms = (long)Math.Round(Math.Max(0, time.TotalMilliseconds));
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{millisecondSeparator}{ms % 1000:000}");
    }

    /// <summary>
    /// A line as one line: a line break inside it (from an engine, or typed by a person) would end the cue early or, with
    /// a blank line and a timing line after it, write a cue of its own.
    /// </summary>
    private static string OneLine(string line) =>
        line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal)
            ? string.Join(' ', line.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : line;

    /// <summary>In WebVTT, '&amp;' and '&lt;' start markup; in cue text they must be escaped.</summary>
    private static string EscapeVtt(string line) => line.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
