using System.Diagnostics;
using System.Globalization;
using System.Text;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Benchmarks;

/// <summary>
/// A first render of a video against a render after one translated cue is edited, as the server does it: the edited
/// track replaces the one in the work directory (<see cref="RenderPreparation"/>), then the pipeline runs again.
/// </summary>
internal static class RenderBenchmark
{
    public static async Task RunAsync(IReadOnlyList<double> durations, string repository)
    {
        var rows = new List<string>();
        foreach (var seconds in durations.DefaultIfEmpty(600))
        {
            var directory = Directory.CreateTempSubdirectory("vts-render-bench-").FullName;
            try
            {
                var text = BenchmarkSpeech.For(seconds);
                var video = await SampleVideo.CreateAsync(directory, text, seconds, "bench.mp4");
                var pipeline = new TranslationPipeline(new PocketsphinxRecognizer(new PocketsphinxOptions()), new ApertiumTranslator(new ApertiumOptions()), new EspeakSynthesizer());
                var request = new PipelineRequest { InputPath = video, SourceLanguage = LanguageCode.Parse("en"), TargetLanguages = [LanguageCode.Parse("es")] };
                var work = Path.Combine(directory, "work");

                var first = Stopwatch.StartNew();
                await pipeline.RunAsync(request, work, null, CancellationToken.None);
                first.Stop();

                // One cue in the middle gets new words, as PATCH /v1/jobs/{id}/cues/es would store it.
                var track = (await CueTrack.ReadAsync(PipelineArtifacts.CueTrack(work, "es"), CancellationToken.None))!;
                var middle = track.Cues[track.Cues.Count / 2];
                var edited = track with
                {
                    Version = track.Version + 1,
                    Cues = [.. track.Cues.Select(cue => cue.Id == middle.Id ? cue with { Text = "Iremos a la montaña mañana.", Edited = true } : cue)],
                };

                var second = Stopwatch.StartNew();
                await RenderPreparation.PrepareAsync(work, [edited], revision: 1, ["es"], CancellationToken.None);
                var stages = new StageClock();
                await pipeline.RunAsync(request, work, stages, CancellationToken.None);
                second.Stop();
                stages.Stop();

                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {seconds:0} s | {track.Cues.Count} | {first.Elapsed.TotalSeconds:0.0} | {second.Elapsed.TotalSeconds:0.0} | **{second.Elapsed.TotalSeconds / first.Elapsed.TotalSeconds * 100:0.0}%** | {string.Join(" | ", new[] { PipelineStage.Synthesizing, PipelineStage.Mixing, PipelineStage.Muxing }.Select(stage => stages.Seconds(stage).ToString("0.00", CultureInfo.InvariantCulture)))} |");
                Console.WriteLine(row);
                rows.Add(row);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### Re-render after one edited cue, offline engines, en -> es ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)")
            .AppendLine()
            .AppendLine("Command: `dotnet run -c Release --project bench/VideoTranslation.Benchmarks -- render " + string.Join(' ', durations.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "`")
            .AppendLine()
            .AppendLine("| media | cues | first render (s) | render after one edit (s) | second / first | synthesizing (s) | mixing (s) | muxing (s) |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.ForEach(row => report.AppendLine(row));
        var path = Path.Combine(repository, "docs", "benchmarks.md");
        await File.AppendAllTextAsync(path, report.AppendLine().ToString());
        Console.WriteLine($"Appended to {path}");
    }
}
