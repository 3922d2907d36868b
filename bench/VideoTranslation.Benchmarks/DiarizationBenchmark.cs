using System.Globalization;
using System.Text;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.Benchmarks;

/// <summary>
/// Diarization measured on the evaluation dialogues: the error rate (missed speech, false alarm, confusion, 0.25 s
/// collar), the speakers found against the true count, each speaker's measured pitch, the Spanish voices cast for
/// them, and the share of turns whose dub voice is in the register (low or high) of the person who really spoke them.
/// </summary>
internal static class DiarizationBenchmark
{
    public static async Task RunAsync()
    {
        var synthesizer = new EspeakSynthesizer();
        var voices = await synthesizer.RegisterVoicesAsync(LanguageCode.Parse("es"), CancellationToken.None);
        var pitchOf = voices.ToDictionary(voice => voice.Name, voice => voice.PitchHz);
        var rows = new List<string>();
        foreach (var (name, lines) in EvaluationDialogues.All)
        {
            var directory = Directory.CreateTempSubdirectory("vts-diarization-").FullName;
            try
            {
                var (wav, truth) = await SampleDialogue.CreateAsync(directory, lines, "dialogue.wav", CancellationToken.None);
                var started = System.Diagnostics.Stopwatch.StartNew();
                var frames = SpeechFrames.Read(wav, CancellationToken.None);
                var found = SpeakerDiarizer.Diarize(frames);
                started.Stop();
                var score = DiarizationErrorRate.Score(truth, found.Turns);
                var trueSpeakers = truth.Select(turn => turn.Speaker).Distinct().ToList();
                var cast = VoiceCasting.Cast(found.Speakers, voices);

                // The register of each true speaker, from the pitch of their own turns.
                var truePitch = trueSpeakers.ToDictionary(speaker => speaker, speaker => frames.MedianPitch(truth.Where(turn => turn.Speaker == speaker).Select(turn => (turn.Start, turn.End))));
                var matching = truth.Count(turn =>
                    cast.TryGetValue(found.SpeakerAt(turn.Start, turn.End), out var voice) && VoiceCasting.IsLow(pitchOf[voice]) == VoiceCasting.IsLow(truePitch[turn.Speaker]));
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {truth[^1].End.TotalSeconds:0.0} s | **{score.Rate * 100:0.0}%** | {score.Missed / score.ScoredSpeech * 100:0.0}% | {score.FalseAlarm / score.ScoredSpeech * 100:0.0}% | {score.Confusion / score.ScoredSpeech * 100:0.0}% | {found.Speakers.Count} / {trueSpeakers.Count} | {string.Join(", ", found.Speakers.Select(s => $"{s.Id} {s.MedianPitchHz:0} Hz → {cast[s.Id]}"))} | {(cast.Values.Distinct().Count() == found.Speakers.Count ? "yes" : "no")} | {matching * 100.0 / truth.Count:0}% | {started.Elapsed.TotalSeconds:0.00} s |");
                Console.WriteLine(row);
                rows.Add(row);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var table = new StringBuilder()
            .AppendLine("| dialogue | length | DER | missed | false alarm | confusion | speakers found / true | speakers (median pitch → Spanish voice) | voices distinct | turns in their speaker's register | diarization time |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        rows.ForEach(row => table.AppendLine(row));
        Console.WriteLine();
        Console.WriteLine(string.Join(", ", voices.OrderBy(voice => voice.PitchHz).Select(voice => string.Create(CultureInfo.InvariantCulture, $"{voice.Name} {voice.PitchHz:0} Hz"))));
        Console.WriteLine(table);
    }
}
