// The pipeline benchmark: for each duration, generates a video of English speech (flite over a test pattern),
// translates it into Spanish with the offline engines, and reports each stage's time, the real-time factor
// (processing time / media duration) and peak memory. Appends a table to docs/benchmarks.md.
//
//   dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- 60 600
//
// With "diarization", it scores speaker diarization on the evaluation dialogues (error rate, speaker count, pitch):
//
//   dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- diarization
//
// With "bridges SECONDS", it times translating that much speech into every target English reaches, beside the time
// into each bridged target's bridge language:
//
//   dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- bridges 600
//
// With "diarize FILE.wav", it diarizes one 16-bit mono WAV and reports the time and memory it took:
//
//   dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- diarize long.wav
//
// With "render" first, it times instead a first render against a render after editing one translated cue, side by
// side on the same video and machine (the goal: the second at most 10% of the first):
//
//   dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- render 600
using System.Diagnostics;
using System.Globalization;
using System.Text;
using VideoTranslation.Benchmarks;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

if (args is ["diarize", var wavFile])
{
    var clock = Stopwatch.StartNew();
    var frames = VideoTranslation.Pipeline.Speakers.SpeechFrames.Read(wavFile, CancellationToken.None);
    var read = clock.Elapsed.TotalSeconds;
    var found = VideoTranslation.Pipeline.Speakers.SpeakerDiarizer.Diarize(frames);
    Console.WriteLine($"frames {read:0.00} s, diarize {clock.Elapsed.TotalSeconds - read:0.00} s, speakers {found.Speakers.Count}, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
    return;
}

if (args is ["bridges", var bridgeSeconds])
{
    await BridgeBenchmark.RunAsync(double.Parse(bridgeSeconds, CultureInfo.InvariantCulture));
    return;
}

if (args is ["diarization"])
{
    await DiarizationBenchmark.RunAsync();
    return;
}

if (args is ["render", .. var renderDurations])
{
    await RenderBenchmark.RunAsync([.. renderDurations.Select(a => double.Parse(a, CultureInfo.InvariantCulture))], FindRepositoryRoot());
    return;
}

var durations = args.Length > 0 ? args.Select(a => double.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [60.0, 600.0];
var rows = new List<string>();
foreach (var seconds in durations)
{
    var directory = Directory.CreateTempSubdirectory("vts-bench-").FullName;
    try
    {
        var text = BenchmarkSpeech.For(seconds);
        var video = await SampleVideo.CreateAsync(directory, text, seconds, "bench.mp4");
        var pipeline = new TranslationPipeline(new PocketsphinxRecognizer(new PocketsphinxOptions()), new ApertiumTranslator(new ApertiumOptions()), new EspeakSynthesizer());
        var stages = new StageClock();

        var total = Stopwatch.StartNew();
        await pipeline.RunAsync(
            new PipelineRequest { InputPath = video, SourceLanguage = LanguageCode.Parse("en"), TargetLanguages = [LanguageCode.Parse("es")] },
            Path.Combine(directory, "work"), stages, CancellationToken.None);
        total.Stop();
        stages.Stop();

        var ownPeak = Process.GetCurrentProcess().PeakWorkingSet64;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {seconds:0} s | {string.Join(" | ", Enum.GetValues<PipelineStage>().Select(stage => $"{stages.Seconds(stage):0.00}"))} | {total.Elapsed.TotalSeconds:0.0} | **{total.Elapsed.TotalSeconds / seconds:0.000}x** | {stages.Seconds(PipelineStage.Muxing) / seconds * 100:0.00}% | {ownPeak / 1048576.0:0} MiB | {ChildProcessMemory.PeakBytes() / 1048576.0:0} MiB |");
        Console.WriteLine(row);
        rows.Add(row);
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}

var header = $"| media | {string.Join(" | ", Enum.GetValues<PipelineStage>().Select(s => s.ToString().ToLowerInvariant() + " (s)"))} | total (s) | real-time factor | muxing / duration | peak memory, vts | peak memory, largest tool |";
var separator = "|" + string.Concat(Enumerable.Repeat(" --- |", 13));
var report = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"### Pipeline, offline engines, en -> es ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
    .AppendLine()
    .AppendLine("Command: `dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- " + string.Join(' ', durations.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "`")
    .AppendLine()
    .AppendLine(header)
    .AppendLine(separator);
rows.ForEach(row => report.AppendLine(row));
var path = Path.Combine(FindRepositoryRoot(), "docs", "benchmarks.md");
await File.AppendAllTextAsync(path, report.AppendLine().ToString());
Console.WriteLine($"Appended to {path}");

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "VideoTranslation.sln")))
        {
            return directory.FullName;
        }
    }

    return Environment.CurrentDirectory;
}

/// <summary>Times each stage from the pipeline's progress reports: a stage lasts until the next one is reported.</summary>
internal sealed class StageClock : IProgress<PipelineProgress>
{
    private readonly Dictionary<PipelineStage, TimeSpan> spent = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private PipelineStage? current;
    private TimeSpan since;

    public void Report(PipelineProgress value)
    {
        lock (spent)
        {
            Close();
            current = value.Stage;
            since = clock.Elapsed;
        }
    }

    public void Stop()
    {
        lock (spent)
        {
            Close();
            current = null;
        }
    }

    public double Seconds(PipelineStage stage) => spent.GetValueOrDefault(stage).TotalSeconds;

    private void Close()
    {
        if (current is { } stage)
        {
            spent[stage] = spent.GetValueOrDefault(stage) + (clock.Elapsed - since);
        }
    }
}
