using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using VideoTranslation.Cli.Output;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Cli.Commands;

/// <summary><c>vts engines</c>: every engine, whether it can run on this machine, and if not, why.</summary>
internal static class EnginesCommand
{
    private sealed record EngineStatus(string Kind, string Name, bool Usable, string Details, bool Optional = false);

    public static Command Create()
    {
        var json = JsonOption.Create();
        var command = new Command("engines", "List the translation engines and whether each is usable here.") { json };
        command.SetAction(parse =>
        {
            var engines = Inspect();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(engines, JobPrinter.JsonOptions));
            }
            else
            {
                var table = new Table().AddColumns("kind", "engine", "usable", "details");
                foreach (var engine in engines)
                {
                    table.AddRow(new Text(engine.Kind), new Text(engine.Name), new Markup(engine.Usable ? "[green]yes[/]" : "[red]no[/]"), new Text(engine.Details));
                }

                AnsiConsole.Write(table);
            }

            // Optional engines (those that need a model or a service you provide) do not make the machine unusable.
            return engines.All(engine => engine.Usable || engine.Optional) ? ExitCodes.Success : ExitCodes.JobFailed;
        });
        return command;
    }

    private static List<EngineStatus> Inspect()
    {
        var pocketsphinx = new PocketsphinxOptions();
        var apertium = new ApertiumTranslator(new ApertiumOptions());
        var espeak = new EspeakSynthesizer();
        var english = LanguageCode.Parse("en");
        return
        [
            Tool("media", "ffmpeg", "ffmpeg", "probe, extract, mix and mux"),
            Tool("media", "ffprobe", "ffprobe", "reads containers and streams"),
            !ExternalTool.IsInstalled(pocketsphinx.Executable)
                ? new("recognition", "pocketsphinx", false, $"{pocketsphinx.Executable} not found: run ./scripts/install.sh")
                : new PocketsphinxRecognizer(pocketsphinx).Supports(english)
                    ? new("recognition", "pocketsphinx", true, "English (en), offline")
                    : new("recognition", "pocketsphinx", false, $"model missing: {pocketsphinx.Dictionary} (package pocketsphinx-en-us)"),
            Whisper(),
            !ExternalTool.IsInstalled("apertium")
                ? new("translation", "apertium", false, "apertium not found: run ./scripts/install.sh")
                : apertium.SupportedPairs.Count == 0
                    ? new("translation", "apertium", false, "no language pairs installed (packages apertium-eng-spa, ...)")
                    : new("translation", "apertium", true, string.Join(", ", apertium.SupportedPairs)),
            !ExternalTool.IsInstalled("espeak-ng")
                ? new("synthesis", "espeak-ng", false, "espeak-ng not found: run ./scripts/install.sh")
                : new("synthesis", "espeak-ng", espeak.Supports(LanguageCode.Parse("es")), "voices for about a hundred languages, e.g. es, pt-BR, ca, fr, de"),
            OpenAi(),
            new("jobs", "simulated", true, "the seed's engine for the job API: random 5-15 s, configurable error rate"),
        ];
    }

    /// <summary>Whisper runs when a model is configured (the same setting the server reads, from the environment here).</summary>
    private static EngineStatus Whisper()
    {
        var model = Environment.GetEnvironmentVariable("VTS_Recognition__Whisper__ModelPath");
        return model is null
            ? new("recognition", "whisper", false, "needs a GGML model: set Recognition:Whisper:ModelPath (VTS_Recognition__Whisper__ModelPath), and Engines:Recognition=whisper", Optional: true)
            : new WhisperRecognizer(new WhisperOptions { ModelPath = model }).Supports(LanguageCode.Parse("en"))
                ? new("recognition", "whisper", true, $"model {model}; select with Engines:Recognition=whisper", Optional: true)
                : new("recognition", "whisper", false, $"model not found: {model}", Optional: true);
    }

    /// <summary>The OpenAI-compatible engines run when a server is configured (read from the environment here).</summary>
    private static EngineStatus OpenAi() =>
        Environment.GetEnvironmentVariable("VTS_OpenAi__BaseUrl") is { Length: > 0 } url
            ? new("all", "openai", true, $"OpenAI-compatible server at {url}; select with Engines:Recognition, Engines:Translation, Engines:Synthesis = openai", Optional: true)
            : new("all", "openai", false, "needs an OpenAI-compatible server: set OpenAi:BaseUrl (VTS_OpenAi__BaseUrl) and OpenAi:ApiKey", Optional: true);

    private static EngineStatus Tool(string kind, string name, string executable, string purpose) =>
        ExternalTool.IsInstalled(executable) ? new(kind, name, true, purpose) : new(kind, name, false, $"{executable} not found: run ./scripts/install.sh");
}
