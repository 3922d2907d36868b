namespace VideoTranslation.Benchmarks.Shared;

/// <summary>
/// Writes a benchmark's section into docs/benchmarks.md between its own markers, replacing the previous run's, so
/// each benchmark can be re-run alone without touching the others' tables.
/// </summary>
internal static class BenchmarkReport
{
    /// <summary>Appends a Markdown table: an introducing line, the header with its separator, the rows.</summary>
    public static System.Text.StringBuilder AppendTable(this System.Text.StringBuilder section, string introduction, string[] columns, IEnumerable<string> rows)
    {
        section.AppendLine().AppendLine(introduction).AppendLine()
            .AppendLine("| " + string.Join(" | ", columns) + " |")
            .AppendLine("|" + string.Concat(columns.Select(_ => " --- |")));
        foreach (var row in rows)
        {
            section.AppendLine(row);
        }

        return section;
    }

    /// <summary>The value below which a fraction <paramref name="p"/> of the sorted values lie (nearest rank).</summary>
    public static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <param name="marker">The section's name in its markers, e.g. <c>waiting-benchmark</c>.</param>
    /// <param name="heading">The heading placed before the section when the file does not have it yet.</param>
    public static void Write(string path, string marker, string heading, string section)
    {
        var begin = $"<!-- {marker}:begin -->";
        var end = $"<!-- {marker}:end -->";
        var block = $"{begin}\n{section.TrimEnd()}\n{end}";
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var at = text.IndexOf(begin, StringComparison.Ordinal);
        var until = text.IndexOf(end, StringComparison.Ordinal);
        text = at >= 0 && until > at
            ? text[..at] + block + text[(until + end.Length)..]
            : text.TrimEnd() + $"\n\n{heading}\n\n" + block + "\n";
        File.WriteAllText(path, text);
        Console.WriteLine($"Wrote {path}");
    }
}
