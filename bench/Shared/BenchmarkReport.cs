namespace VideoTranslation.Benchmarks.Shared;

/// <summary>
/// Writes a benchmark's section into docs/benchmarks.md between its own markers, replacing the previous run's, so
/// each benchmark can be re-run alone without touching the others' tables.
/// </summary>
internal static class BenchmarkReport
{
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
