using System.Collections.Frozen;

namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>
/// Per language, the short words a line must not end with (articles, determiners, prepositions: they belong
/// with the word after them) and the conjunctions a line may start with. Languages not listed get no
/// such preferences, only length and punctuation.
/// </summary>
public static class LanguageWords
{
    private static readonly FrozenDictionary<string, (FrozenSet<string> Binding, FrozenSet<string> Conjunctions)> Words =
        new Dictionary<string, (FrozenSet<string>, FrozenSet<string>)>
        {
            ["en"] = (Set("a an the this that these those my your his her its our their of to in on at by for with from into onto about as"),
                      Set("and but or nor so yet because although though while whereas if unless that which who when where")),
            ["es"] = (Set("el la los las un una unos unas lo al del mi tu su mis tus sus este esta estos estas ese esa de a en con por para sin sobre entre"),
                      Set("y e o u pero sino porque aunque mientras que cuando donde si como")),
            ["ca"] = (Set("el la els les l un una uns unes del al dels als meu teu seu aquest aquesta de a en amb per sense sobre entre"),
                      Set("i o però sinó perquè encara mentre que quan on si com")),
            ["gl"] = (Set("o a os as un unha uns unhas do da dos das ao á no na meu teu seu este esta de en con por para sen sobre entre"),
                      Set("e ou pero senón porque aínda mentres que cando onde se como")),
            ["pt"] = (Set("o a os as um uma uns umas do da dos das ao à no na nos nas meu teu seu este esta de em com por para sem sobre entre"),
                      Set("e ou mas porque embora enquanto que quando onde se como")),
            ["fr"] = (Set("le la les l un une des du au aux mon ton son ma ta sa mes tes ses ce cet cette ces de à en dans par pour sans sur avec chez"),
                      Set("et ou mais donc car parce puisque quand lorsque si que qui où comme")),
            ["it"] = (Set("il lo la i gli le un uno una del della dei degli delle al allo alla ai mio tuo suo questo questa di a da in con su per tra fra"),
                      Set("e o ma perché anche mentre che quando dove se come")),
            ["de"] = (Set("der die das den dem des ein eine einen einem einer mein dein sein ihr unser zu in an auf mit von für aus bei nach über unter"),
                      Set("und aber oder denn weil obwohl während dass wenn wo ob als")),
        }.ToFrozenDictionary();

    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;

    /// <summary>True when a line must not end with <paramref name="word"/> (e.g. "the", "de").</summary>
    public static bool BindsToNext(string language, string word) =>
        (Words.TryGetValue(language, out var words) ? words.Binding : None).Contains(Bare(word));

    /// <summary>True when <paramref name="word"/> is a conjunction a line may well start with.</summary>
    public static bool IsConjunction(string language, string word) =>
        (Words.TryGetValue(language, out var words) ? words.Conjunctions : None).Contains(Bare(word));

    private static string Bare(string word) => word.Trim().TrimEnd(',', ';', ':').ToLowerInvariant();

    private static FrozenSet<string> Set(string words) => words.Split(' ').ToFrozenSet(StringComparer.Ordinal);
}
