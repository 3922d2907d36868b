using System.Globalization;
using System.Text;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>Writes cues as SubRip or WebVTT text.</summary>
public static class SubtitleWriter
{
    public static string Write(IEnumerable<Cue> cues, SubtitleFormat format)
    {
        var text = new StringBuilder();
        if (format == SubtitleFormat.WebVtt)
        {
            text.Append("WEBVTT\n\n");
        }

        var number = 0;
        foreach (var cue in cues)
        {
            number++;
            if (format == SubtitleFormat.Srt)
            {
                text.Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            var separator = format == SubtitleFormat.Srt ? ',' : '.';
            text.Append(Timestamp(cue.Start, separator)).Append(" --> ").Append(Timestamp(cue.End, separator)).Append('\n');
            foreach (var line in cue.Lines)
            {
                var flat = OneLine(line);
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
