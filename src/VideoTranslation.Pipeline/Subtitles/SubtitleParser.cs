using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Reads SubRip and WebVTT files: either format, with or without cue numbers or ids, CRLF or LF, a byte-order
/// mark, WebVTT cue settings, NOTE and STYLE blocks, and inline tags (which are dropped). What cannot be read
/// is reported with its line number instead of being skipped silently.
/// </summary>
/// <remarks>
/// Subtitle files come from users and are parsed while their upload is answered, so parsing is linear in the file's
/// size: the patterns run on the non-backtracking engine (a backtracking one rescans a long line for every unclosed
/// tag, minutes of CPU for a few megabytes), and a file holds at most <see cref="MaxCues"/> cues.
/// </remarks>
public static partial class SubtitleParser
{
    /// <summary>More than any subtitle file of the longest media a server takes (four hours at a cue a second).</summary>
    public const int MaxCues = 20_000;

    public static IReadOnlyList<Cue> Parse(string content)
    {
        var lines = content.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var cues = new List<Cue>();
        var i = 0;
        if (lines.Length > 0 && lines[0].StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            i = SkipBlock(lines, 0);
        }

        while (i < lines.Length)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                i++;
                continue;
            }

            if (lines[i].StartsWith("NOTE", StringComparison.Ordinal) || lines[i].StartsWith("STYLE", StringComparison.Ordinal) || lines[i].StartsWith("REGION", StringComparison.Ordinal))
            {
                i = SkipBlock(lines, i);
                continue;
            }

            // An optional cue number (SRT) or id (WebVTT) precedes the timing line.
            var timingLine = lines[i].Contains("-->", StringComparison.Ordinal) ? i : i + 1;
            if (timingLine >= lines.Length || TimingLine().Match(lines[timingLine]) is not { Success: true } timing)
            {
                throw new SubtitleFormatException($"Line {Math.Min(timingLine, lines.Length - 1) + 1}: expected a timing line like '00:00:01,000 --> 00:00:03,500', found '{Shorten(lines[Math.Min(timingLine, lines.Length - 1)])}'.");
            }

            var start = ParseTime(timing.Groups["start"].Value);
            var end = ParseTime(timing.Groups["end"].Value);
            if (end <= start)
            {
                throw new SubtitleFormatException($"Line {timingLine + 1}: the cue ends ({timing.Groups["end"].Value}) before it starts ({timing.Groups["start"].Value}).");
            }

            var text = new List<string>();
            string? speaker = null;
            for (i = timingLine + 1; i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]); i++)
            {
                if (speaker is null && VoiceSpan().Match(lines[i]) is { Success: true } voice)
                {
                    speaker = SpeakerName(WebUtility.HtmlDecode(voice.Groups["name"].Value));
                }

                var line = WebUtility.HtmlDecode(Tag().Replace(lines[i], "")).Trim();
                if (line.Length > 0)
                {
                    text.Add(line);
                }
            }

            if (text.Count > 0)
            {
                cues.Add(new Cue(start, end, text, speaker));
                if (cues.Count > MaxCues)
                {
                    throw new SubtitleFormatException($"The subtitle file has more than {MaxCues} cues.");
                }
            }
        }

        if (cues.Count == 0)
        {
            throw new SubtitleFormatException("The subtitle file has no cues.");
        }

        return [.. cues.OrderBy(cue => cue.Start)];
    }

    private static int SkipBlock(string[] lines, int i)
    {
        while (i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }

        return i;
    }

    private static TimeSpan ParseTime(string value)
    {
        var parts = value.Replace(',', '.').Split(':');
        var seconds = double.Parse(parts[^1], CultureInfo.InvariantCulture);
        var minutes = int.Parse(parts[^2], CultureInfo.InvariantCulture);
        var hours = parts.Length == 3 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(0, hours, minutes, 0) + TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A voice span's name as a speaker's name: control characters out, whitespace collapsed, at most 40 characters.</summary>
    private static string? SpeakerName(string name)
    {
        var clean = string.Join(' ', new string([.. name.Where(c => !char.IsControl(c))]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return clean.Length == 0 ? null : clean.Length <= 40 ? clean : clean[..40];
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";

    /// <summary><c>[hh:]mm:ss[,.]mmm --&gt; [hh:]mm:ss[,.]mmm</c>, then optional WebVTT cue settings.</summary>
    [GeneratedRegex(@"^\s*(?<start>(\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*(?<end>(\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})(\s.*)?$", RegexOptions.NonBacktracking)]
    private static partial Regex TimingLine();

    /// <summary>The tags SRT and WebVTT define (italic, bold, voice, class, font, timestamps, ...); other text in brackets stays.</summary>
    [GeneratedRegex(@"</?(?:[ibuc]|v|font|lang|ruby|rt)(?:[\s.][^>]*)?>|<\d[\d:.]*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    /// <summary>A WebVTT voice span opening a line: <c>&lt;v Name&gt;</c> or <c>&lt;v.class Name&gt;</c>.</summary>
    [GeneratedRegex(@"^\s*<v(\.[^\s>]*)?\s+(?<name>[^>]{1,200})>", RegexOptions.NonBacktracking)]
    private static partial Regex VoiceSpan();
}
