using System.Text.Json;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>The dubbing report artifact: per cue, its speaker and voice, its slot, the synthesized length, the speed-up applied, any overflow, and whether its speech was reused.</summary>
public static class DubbingReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file for people: "días", not "d\u00EDas"
    };

    /// <param name="reused">Per cue: whether its speech was kept from an earlier render rather than synthesized again.</param>
    /// <param name="voices">Per cue: the voice that spoke it (null: the language's default voice).</param>
    public static string Serialize(IReadOnlyList<Cue> cues, IReadOnlyList<DubPlacement> placements, IReadOnlyList<bool> reused, IReadOnlyList<string?> voices) => JsonSerializer.Serialize(
        new
        {
            cues = placements.Select(p => new
            {
                cue = p.Cue + 1,
                text = cues[p.Cue].Text,
                speaker = cues[p.Cue].Speaker,
                voice = voices[p.Cue],
                slot_start = Math.Round(p.SlotStart.TotalSeconds, 3),
                slot_end = Math.Round(p.SlotEnd.TotalSeconds, 3),
                synthesized_seconds = Math.Round(p.Synthesized.TotalSeconds, 3),
                speed_up = Math.Round(p.SpeedUp, 3),
                placed_seconds = Math.Round(p.Placed.TotalSeconds, 3),
                borrowed_silence = p.BorrowedSilence,
                overflow_seconds = Math.Round(p.Overflow.TotalSeconds, 3),
                reused = reused[p.Cue],
            }),
            cues_sped_up = placements.Count(p => p.SpeedUp > 1),
            cues_overflowing = placements.Count(p => p.Overflow > TimeSpan.Zero),
            cues_reused = placements.Count(p => reused[p.Cue]),
        },
        Options);
}
