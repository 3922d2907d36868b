using System.Globalization;

namespace VideoTranslation.Benchmarks.Shared;

/// <summary>The benchmarks' few command-line options: <c>--name value</c>, or the default.</summary>
internal static class BenchmarkOptions
{
    /// <summary>Every value of an option that may be given more than once, in order.</summary>
    public static IReadOnlyList<string> GetAll(string[] args, string name) =>
        [.. args.Select((arg, index) => (arg, index)).Where(a => a.arg == name && a.index + 1 < args.Length).Select(a => args[a.index + 1])];

    public static T Get<T>(string[] args, string name, T fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? (T)Convert.ChangeType(args[index + 1], typeof(T), CultureInfo.InvariantCulture) : fallback;
    }
}
