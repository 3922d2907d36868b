using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoTranslation.Pipeline.Translation;

/// <summary>
/// Terms that must be translated a given way (product names, jargon). Before translation each source term is
/// replaced by a placeholder the engine passes through untouched; afterwards the placeholder becomes the
/// required target term. Matching is whole-word and case-insensitive, longest term first.
/// </summary>
public sealed class Glossary
{
    private readonly List<(string Source, string Target, Regex Pattern)> terms;

    public Glossary(IReadOnlyDictionary<string, string> entries)
    {
        terms = [.. entries
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Key))
            .OrderByDescending(entry => entry.Key.Length)
            .Select(entry => (entry.Key, entry.Value, new Regex($@"(?<!\w){Regex.Escape(entry.Key.Trim())}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))];
    }

    public static Glossary Empty { get; } = new(new Dictionary<string, string>());

    public int Count => terms.Count;

    /// <summary>The text with each term replaced by its placeholder.</summary>
    public string Protect(string text)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            text = terms[i].Pattern.Replace(text, Placeholder(i));
        }

        return text;
    }

    /// <summary>The translated text with each placeholder replaced by its target term.</summary>
    public string Restore(string text)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            text = text.Replace(Placeholder(i), terms[i].Target, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    // Letters only, no digits the engine might localize; unknown to every dictionary.
    private static string Placeholder(int index) => "Zqx" + string.Concat(index.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))) + "qz";
}
