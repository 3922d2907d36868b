using System.Globalization;

namespace VideoTranslation.Benchmarks.Shared;

/// <summary>The benchmarks' few command-line options: <c>--name value</c>, or the default.</summary>
internal static class BenchmarkOptions
{
    public static T Get<T>(string[] args, string name, T fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? (T)Convert.ChangeType(args[index + 1], typeof(T), CultureInfo.InvariantCulture) : fallback;
    }
}
