using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.Translation;

/// <summary>
/// More languages offline through a bridge language, with Debian's apertium pairs (scripts/install.sh): every target
/// offered for English is checked to come out in that language, by that language's own Apertium dictionary.
/// </summary>
public sealed class BridgedTranslationTests : IDisposable
{
    // Held out: none of these sentences is used to choose routes or tune anything.
    private static readonly string[] HeldOut =
    [
        "The children play in the garden after school.",
        "My brother works in a small shop near the station.",
        "We eat fish and bread with our friends.",
        "The old woman reads a book every evening.",
    ];

    // The targets English reaches offline here, with the language bridging each (null: a direct pair).
    public static TheoryData<string, string?> Offered => new()
    {
        { "es", null }, { "ca", null }, { "gl", null }, { "eo", null },
        { "pt", "es" }, { "pt-BR", "es" }, { "fr", "es" }, { "it", "es" }, { "oc", "es" }, { "ast", "es" }, { "an", "es" },
        { "sc", "ca" },
    };

    private static readonly ApertiumTranslator Translator = new(new ApertiumOptions());
    private static readonly LanguageCode English = LanguageCode.Parse("en");
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [MemberData(nameof(Offered))]
    public async Task Each_offered_target_comes_out_in_that_language(string target, string? bridge)
    {
        var language = LanguageCode.Parse(target);
        Assert.True(Translator.Supports(English, language));
        Assert.Equal(bridge, Translator.BridgeOf(English, language));

        var translated = await Translator.TranslateAsync(HeldOut, English, language, Glossary.Empty, default);

        Assert.Equal(HeldOut.Length, translated.Count);
        var known = await KnownShareAsync(translated, language.Language);
        Assert.True(known >= 0.8, $"{known:P0} of the {target} words are in its dictionary: {string.Join(" | ", translated)}");
        Assert.True(await KnownShareAsync(translated, "en") < known, "the translation is not left in English");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("ro")]
    [InlineData("pt")]
    public async Task Subtitles_in_other_languages_are_translated_into_english_through_spanish(string source)
    {
        var from = LanguageCode.Parse(source);
        Assert.Equal("es", Translator.BridgeOf(from, English));
        Assert.Contains($"{source}->en", Translator.SupportedPairs);

        var sentence = source switch
        {
            "fr" => "La maison est très grande.",
            "it" => "La casa è molto grande.",
            "ro" => "Casa este foarte mare.",
            _ => "A casa é muito grande.",
        };
        var english = await Translator.TranslateAsync([sentence], from, English, Glossary.Empty, default);

        Assert.Contains("house", english.Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_video_is_translated_and_dubbed_into_french_and_italian_offline_and_the_server_says_they_are_bridged()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);
        var output = Path.Combine(directory.Path, "out");

        var (exit, stdout, stderr) = await VtsProcess.RunAsync("translate", video, "--to", "fr,it", "--out", output);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("La maison est très grande.", await File.ReadAllTextAsync(Path.Combine(output, "video.fr.srt")), StringComparison.Ordinal);
        Assert.Contains("La casa è molto grande.", await File.ReadAllTextAsync(Path.Combine(output, "video.it.srt")), StringComparison.Ordinal);
        var media = await VideoTranslation.Pipeline.Media.MediaProber.ProbeAsync(Path.Combine(output, "video.translated.mp4"), default);
        Assert.Equal(["fra", "ita", "eng"], media.AudioStreams.Select(stream => stream.Language));

        await using var server = await TestServer.StartAsync(TestServer.Settings());
        using var http = server.CreateHttpClient();
        var pairs = (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, "/v1/capabilities"))
            .GetProperty("language_pairs").EnumerateArray()
            .Where(pair => pair.GetProperty("source").GetString() == "en")
            .ToDictionary(pair => pair.GetProperty("target").GetString()!, pair => (Via: pair.GetProperty("via").GetString(), Dubbed: pair.GetProperty("dubbed").GetBoolean()));
        Assert.Equal((null, true), pairs["es"]);
        Assert.Equal(("es", true), pairs["fr"]);
        Assert.Equal(("es", false), pairs["oc"]); // espeak-ng has no Occitan voice: subtitles only
        Assert.Equal(("ca", false), pairs["sc"]);
    }

    [Fact]
    public async Task A_glossary_term_survives_the_bridge()
    {
        var glossary = new Glossary(new Dictionary<string, string> { ["meeting"] = "réunion d'équipe", ["Acme Widget"] = "Acme Widget" });

        var french = await Translator.TranslateAsync(["The meeting starts now.", "We love the Acme Widget."], English, LanguageCode.Parse("fr"), glossary, default);

        Assert.Contains("réunion d'équipe", french[0], StringComparison.Ordinal);
        Assert.Contains("Acme Widget", french[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_months_and_names_in_lower_case_are_capitalized_and_translated()
    {
        // What pocketsphinx gives: no capitals but the sentence's first.
        var spanish = await Translator.TranslateAsync(["On monday john flies to paris in june."], English, LanguageCode.Parse("es"), Glossary.Empty, default);
        var french = await Translator.TranslateAsync(["On monday john flies to paris in june."], English, LanguageCode.Parse("fr"), Glossary.Empty, default);

        Assert.Equal("El lunes John vuela a París en junio.", spanish.Single());
        Assert.Contains("lundi", french.Single(), StringComparison.Ordinal);
        Assert.Contains("juin", french.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_in_another_modes_directory_are_found_and_run_from_there()
    {
        // The English-Spanish mode alone, under a name the default directory does not have, in a directory of its own:
        // apertium must be run from there to find it.
        var modes = Directory.CreateDirectory(Path.Combine(directory.Path, "apertium", "modes")).FullName;
        File.Copy("/usr/share/apertium/modes/eng-spa.mode", Path.Combine(modes, "en-es.mode"));
        Assert.False(File.Exists("/usr/share/apertium/modes/en-es.mode"));
        var translator = new ApertiumTranslator(new ApertiumOptions { ModesDirectory = modes });

        Assert.Equal(["en->es"], translator.SupportedPairs);
        Assert.Equal("La casa es grande.", (await translator.TranslateAsync(["The house is big."], English, LanguageCode.Parse("es"), Glossary.Empty, default)).Single());
    }

    /// <summary>The share of the words the language's Apertium analyser knows (any package's analyser for it).</summary>
    private static async Task<double> KnownShareAsync(IReadOnlyList<string> sentences, string language)
    {
        var names = new[] { language, LanguageCode.Parse(language).Iso6392 }; // packages name files either way
        var analyser = Directory.EnumerateFiles("/usr/share/apertium", "*.automorf.bin", SearchOption.AllDirectories)
            .Where(path => names.Any(name => Path.GetFileName(path).StartsWith(name + "-", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .First();
        var words = string.Join('\n', sentences.SelectMany(sentence => sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(word => word.Trim('.', ',', '?', '!', '¿', '¡')).Where(word => word.Length > 0));
        var analysed = (await ExternalTool.RunAsync("lt-proc", [analyser], default, standardInput: words + "\n")).StandardOutput;
        var units = analysed.Split('$', StringSplitOptions.RemoveEmptyEntries).Where(unit => unit.Contains('/', StringComparison.Ordinal)).ToList();
        return units.Count(unit => !unit.Contains("/*", StringComparison.Ordinal)) / (double)units.Count;
    }
}
