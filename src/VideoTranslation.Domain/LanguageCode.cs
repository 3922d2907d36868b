using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace VideoTranslation.Domain;

/// <summary>
/// A language tag in the BCP 47 subset the service accepts: an ISO 639-1 language (or, as BCP 47 has it, the ISO 639-3
/// code of a language with none that an engine here speaks: <c>ast</c>), optionally a script (4 letters) and a region
/// (2 letters or 3 digits), e.g. <c>en</c>, <c>pt-BR</c>, <c>zh-Hant-TW</c>.
/// Tags are normalized to their canonical casing, so <c>PT-br</c> and <c>pt-BR</c> are the same language.
/// </summary>
public readonly record struct LanguageCode
{
    /// <summary>Longer than any tag of the accepted form; anything longer is rejected before parsing.</summary>
    public const int MaxLength = 16;

    // ISO 639-1 (all 183 two-letter codes) to ISO 639-2/T, the three-letter codes media containers tag tracks with.
    private static readonly FrozenDictionary<string, string> Iso6391To6392 = (
        "aa:aar ab:abk ae:ave af:afr ak:aka am:amh an:arg ar:ara as:asm av:ava ay:aym az:aze ba:bak be:bel bg:bul " +
        "bi:bis bm:bam bn:ben bo:bod br:bre bs:bos ca:cat ce:che ch:cha co:cos cr:cre cs:ces cu:chu cv:chv cy:cym " +
        "da:dan de:deu dv:div dz:dzo ee:ewe el:ell en:eng eo:epo es:spa et:est eu:eus fa:fas ff:ful fi:fin fj:fij " +
        "fo:fao fr:fra fy:fry ga:gle gd:gla gl:glg gn:grn gu:guj gv:glv ha:hau he:heb hi:hin ho:hmo hr:hrv ht:hat " +
        "hu:hun hy:hye hz:her ia:ina id:ind ie:ile ig:ibo ii:iii ik:ipk io:ido is:isl it:ita iu:iku ja:jpn jv:jav " +
        "ka:kat kg:kon ki:kik kj:kua kk:kaz kl:kal km:khm kn:kan ko:kor kr:kau ks:kas ku:kur kv:kom kw:cor ky:kir " +
        "la:lat lb:ltz lg:lug li:lim ln:lin lo:lao lt:lit lu:lub lv:lav mg:mlg mh:mah mi:mri mk:mkd ml:mal mn:mon " +
        "mr:mar ms:msa mt:mlt my:mya na:nau nb:nob nd:nde ne:nep ng:ndo nl:nld nn:nno no:nor nr:nbl nv:nav ny:nya " +
        "oc:oci oj:oji om:orm or:ori os:oss pa:pan pi:pli pl:pol ps:pus pt:por qu:que rm:roh rn:run ro:ron ru:rus " +
        "rw:kin sa:san sc:srd sd:snd se:sme sg:sag si:sin sk:slk sl:slv sm:smo sn:sna so:som sq:sqi sr:srp ss:ssw " +
        "st:sot su:sun sv:swe sw:swa ta:tam te:tel tg:tgk th:tha ti:tir tk:tuk tl:tgl tn:tsn to:ton tr:tur ts:tso " +
        "tt:tat tw:twi ty:tah ug:uig uk:ukr ur:urd uz:uzb ve:ven vi:vie vo:vol wa:wln wo:wol xh:xho yi:yid yo:yor " +
        "za:zha zh:zho zu:zul " +
        // Languages without a two-letter code that the offline engines reach (Apertium's Spanish-Asturian pair).
        "ast:ast")
        .Split(' ').Select(pair => pair.Split(':')).ToFrozenDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Iso6392To6391 =
        Iso6391To6392.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    private LanguageCode(string value, string language)
    {
        Value = value;
        Language = language;
    }

    /// <summary>The normalized tag, e.g. <c>pt-BR</c>.</summary>
    public string Value { get; }

    /// <summary>The ISO 639-1 primary language, e.g. <c>pt</c>.</summary>
    public string Language { get; }

    /// <summary>The ISO 639-2/T code of the primary language, e.g. <c>por</c>: what MP4 and Matroska tracks are tagged with.</summary>
    public string Iso6392 => IsAuto ? "und" : Iso6391To6392[Language];

    /// <summary>
    /// "Detect it": a source language the speech recognizer identifies (where it can). Never produced by
    /// <see cref="TryParse"/>; callers that allow it check for the word <c>auto</c> themselves.
    /// </summary>
    public static LanguageCode Auto { get; } = new("auto", "auto");

    public bool IsAuto => Language == "auto";

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
        if (!Iso6391To6392.ContainsKey(language))
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

    /// <summary>The language whose ISO 639-2/T code is <paramref name="iso6392"/> (e.g. <c>spa</c> → <c>es</c>), as <see cref="Language"/> names it.</summary>
    public static bool TryFromIso6392(string iso6392, [NotNullWhen(true)] out string? language)
    {
        language = Iso6392To6391.GetValueOrDefault(iso6392);
        return language is not null;
    }

    public static LanguageCode Parse(string value) =>
        TryParse(value, out var code, out var error) ? code : throw new FormatException(error);

    public override string ToString() => Value;

    private static bool IsRegion(string part) =>
        (part.Length == 2 && part.All(char.IsAsciiLetter)) || (part.Length == 3 && part.All(char.IsAsciiDigit));
}
