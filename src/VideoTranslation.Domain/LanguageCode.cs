using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace VideoTranslation.Domain;

/// <summary>
/// A language tag in the BCP 47 subset the service accepts: an ISO 639-1 language, optionally a
/// script (4 letters) and a region (2 letters or 3 digits), e.g. <c>en</c>, <c>pt-BR</c>, <c>zh-Hant-TW</c>.
/// Tags are normalized to their canonical casing, so <c>PT-br</c> and <c>pt-BR</c> are the same language.
/// </summary>
public readonly record struct LanguageCode
{
    /// <summary>Longer than any tag of the accepted form; anything longer is rejected before parsing.</summary>
    public const int MaxLength = 16;

    // ISO 639-1: every two-letter language code.
    private static readonly FrozenSet<string> Iso6391 = (
        "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el " +
        "en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it " +
        "iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt " +
        "my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl " +
        "sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo " +
        "za zh zu").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private LanguageCode(string value, string language)
    {
        Value = value;
        Language = language;
    }

    /// <summary>The normalized tag, e.g. <c>pt-BR</c>.</summary>
    public string Value { get; }

    /// <summary>The ISO 639-1 primary language, e.g. <c>pt</c>.</summary>
    public string Language { get; }

    public static bool TryParse([NotNullWhen(true)] string? value, out LanguageCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "A language code is required, e.g. 'en', 'es' or 'pt-BR'.";
            return false;
        }

        var shown = value.Length > MaxLength ? value[..MaxLength] + "…" : value;
        if (value.Length > MaxLength)
        {
            error = $"'{shown}' is not a language code: expected an ISO 639-1 code with an optional region, e.g. 'en', 'es' or 'pt-BR'.";
            return false;
        }

        var parts = value.Split('-', '_');
        var language = parts[0].ToLowerInvariant();
        if (!Iso6391.Contains(language))
        {
            error = $"'{shown}' is not a known language: the first part must be an ISO 639-1 code such as 'en', 'es', 'fr' or 'pt'.";
            return false;
        }

        // language[-Script][-REGION]: a script may only come second, a region only last.
        var normalized = new List<string>(parts.Length) { language };
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 1 && part.Length == 4 && part.All(char.IsAsciiLetter))
            {
                normalized.Add(char.ToUpperInvariant(part[0]) + part[1..].ToLowerInvariant());
            }
            else if (i == parts.Length - 1 && IsRegion(part))
            {
                normalized.Add(part.ToUpperInvariant());
            }
            else
            {
                error = $"'{shown}' is not a language code of the form language[-Script][-REGION], e.g. 'pt-BR' or 'zh-Hant-TW'.";
                return false;
            }
        }

        code = new LanguageCode(string.Join('-', normalized), language);
        error = null;
        return true;
    }

    public static LanguageCode Parse(string value) =>
        TryParse(value, out var code, out var error) ? code : throw new FormatException(error);

    public override string ToString() => Value;

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit));
}
