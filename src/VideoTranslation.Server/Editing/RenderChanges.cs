using System.Text.Json;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Server.Editing;

/// <summary>What a render changes: per track, the cues whose text or times differ from those the last render used.</summary>
public static class RenderChanges
{
    /// <summary>
    /// The cues of <paramref name="stored"/> (the tracks as edited) that differ from the tracks in the work directory (as
    /// the last render left them, or as a resumed render already put them: then the changes are read back from the work
    /// directory's record). Empty for a first run.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> BetweenAsync(
        string work, IReadOnlyList<StoredTrack> stored, CancellationToken cancellationToken)
    {
        var record = PipelineArtifacts.RenderChanges(work);
        var changes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var resumed = false;
        foreach (var track in stored.Where(track => track.Changed))
        {
            var rendered = await CueTrack.ReadAsync(PipelineArtifacts.CueTrack(work, track.Track.Track), cancellationToken);
            if (rendered?.Version == track.Track.Version)
            {
                resumed = true; // this render put the track in place already, and wrote down what it changed
                continue;
            }

            var before = (rendered?.Cues ?? []).ToDictionary(cue => cue.Id, StringComparer.Ordinal);
            changes[track.Track.Track] =
            [
                .. track.Track.Cues
                    .Where(cue => !before.TryGetValue(cue.Id, out var old) || old.Text != cue.Text || old.Start != cue.Start || old.End != cue.End)
                    .Select(cue => cue.Id),
            ];
        }

        if (resumed && changes.Count == 0 && File.Exists(record))
        {
            return JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(await File.ReadAllTextAsync(record, cancellationToken)) ?? [];
        }

        if (changes.Count > 0)
        {
            await AtomicFile.WriteTextAsync(record, JsonSerializer.Serialize(changes), cancellationToken);
        }

        return changes;
    }
}
