using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoTranslation.Pipeline.Translation;

/// <summary>
/// Terms that must be translated a given way (product names, jargon). Before translation each source term is
/// replaced by a placeholder the engine passes through untouched; afterwards the placeholder becomes the
/// required target term. Matching is whole-word and case-insensitive, longest term first.
/// </summary>
/// <remarks>
/// Glossaries come from users, and a short term with a long target would multiply the text (and with it every later
/// stage's memory and time): terms, targets and entries are bounded (<see cref="Refuse"/>, checked at submit), and a
/// sentence may grow through its terms by at most <see cref="MaxGrowth"/> times plus <see cref="GrowthAllowance"/>
/// characters, past which <see cref="Restore"/> refuses the text.
/// </remarks>
public sealed class Glossary
{
    public const int MaxEntries = 200;
    public const int MaxTermLength = 100;
    public const int MaxTargetLength = 200;
    public const int MaxGrowth = 4;
    public const int GrowthAllowance = 400;

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

    /// <summary>Why <paramref name="entries"/> cannot be a glossary (too many, or a term or target too long), or null when it can.</summary>
    public static string? Refuse(IReadOnlyDictionary<string, string> entries)
    {
        if (entries.Count > MaxEntries)
        {
            return $"A glossary holds at most {MaxEntries} terms (this one has {entries.Count}).";
        }

        if (entries.Keys.FirstOrDefault(term => term.Length > MaxTermLength) is { } longTerm)
        {
            return $"A glossary term is at most {MaxTermLength} characters ('{Shown(longTerm)}' has {longTerm.Length}).";
        }

        return entries.FirstOrDefault(entry => entry.Value.Length > MaxTargetLength) is { Key: { } term, Value: { } target }
            ? $"A glossary translation is at most {MaxTargetLength} characters (the one for '{Shown(term)}' has {target.Length})."
            : null;
    }

    /// <summary>A term as an error message quotes it: short enough to read.</summary>
    private static string Shown(string term) => term.Length <= 20 ? term : term[..20] + "…";

    /// <summary>The text with each term replaced by its placeholder.</summary>
    public string Protect(string text)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            text = terms[i].Pattern.Replace(text, Placeholder(i));
        }

        return text;
    }

    /// <summary>
    /// The translated text with each placeholder replaced by its target term; throws <see cref="GlossaryExpansionException"/>
    /// when that would make it grow past its bound.
    /// </summary>
    public string Restore(string text)
    {
        if (terms.Count == 0)
        {
            return text;
        }

        // The length each replacement leads to is counted before it is made, so no oversized string is ever built.
        var limit = ((long)text.Length * MaxGrowth) + GrowthAllowance;
        for (var i = 0; i < terms.Count; i++)
        {
            var placeholder = Placeholder(i);
            var occurrences = Occurrences(text, placeholder);
            if (occurrences == 0)
            {
                continue;
            }

            if (text.Length + ((long)occurrences * (terms[i].Target.Length - placeholder.Length)) > limit)
            {
                throw new GlossaryExpansionException(
                    $"The glossary's terms make a sentence grow more than {MaxGrowth}-fold; use shorter translations for frequent terms.");
            }

            text = text.Replace(placeholder, terms[i].Target, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    // The engine may change a placeholder's case (at the start of a sentence, in a title), so it is found in any case.
    private static int Occurrences(string text, string placeholder)
    {
        var count = 0;
        for (var at = text.IndexOf(placeholder, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(placeholder, at + placeholder.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    // Letters only, no digits the engine might localize; unknown to every dictionary.
    private static string Placeholder(int index) => "Zqx" + string.Concat(index.ToString(CultureInfo.InvariantCulture).Select(d => (char)('a' + (d - '0')))) + "qz";
}
