using System.Globalization;
using System.Text;
using VideoTranslation.Pipeline.Speakers;

namespace VideoTranslation.Benchmarks;

/// <summary>
/// Diarization measured on the evaluation dialogues: the error rate (missed speech, false alarm, confusion, 0.25 s
/// collar), the speakers found against the true count, and each speaker's measured pitch.
/// </summary>
internal static class DiarizationBenchmark
{
    public static async Task RunAsync(string repositoryRoot)
    {
        var rows = new List<string>();
        foreach (var (name, lines) in EvaluationDialogues.All)
        {
            var directory = Directory.CreateTempSubdirectory("vts-diarization-").FullName;
            try
            {
                var (wav, truth) = await SampleDialogue.CreateAsync(directory, lines, "dialogue.wav", CancellationToken.None);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var found = SpeakerDiarizer.Diarize(SpeechFrames.Read(wav, CancellationToken.None));
                started.Stop();
                var score = DiarizationErrorRate.Score(truth, found.Turns);
                var trueCount = truth.Select(turn => turn.Speaker).Distinct().Count();
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {truth[^1].End.TotalSeconds:0.0} s | {score.Rate * 100:0.0}% | {score.Missed / score.ScoredSpeech * 100:0.0}% | {score.FalseAlarm / score.ScoredSpeech * 100:0.0}% | {score.Confusion / score.ScoredSpeech * 100:0.0}% | {found.Speakers.Count} / {trueCount} | {string.Join(", ", found.Speakers.Select(s => $"{s.Id} {s.MedianPitchHz:0} Hz"))} | {started.Elapsed.TotalSeconds:0.00} s |");
                Console.WriteLine(row);
                rows.Add(row);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var table = new StringBuilder()
            .AppendLine("| dialogue | length | DER | missed | false alarm | confusion | speakers found / true | median pitch | time |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.ForEach(row => table.AppendLine(row));
        Console.WriteLine(table);
        await Task.CompletedTask;
        _ = repositoryRoot;
    }
}
