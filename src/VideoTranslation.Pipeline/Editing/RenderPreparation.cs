using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Editing;

/// <summary>Readies a work directory for a render of edited tracks: the pipeline then redoes only what the edits touch.</summary>
public static class RenderPreparation
{
    /// <summary>
    /// Puts each of <paramref name="tracks"/> in the work directory unless the version there is the same (a render resumed
    /// or handed on), and removes what a changed track makes stale: that language's dub and mix, and the output video.
    /// Everything else stays: the transcript, every clip of speech (named by its content, so unchanged speech is reused).
    /// </summary>
    /// <param name="revision">The revision now in the work directory: its subtitles and reports are kept aside first (<see cref="PipelineArtifacts.Revisions"/>).</param>
    /// <param name="languages">Every target language of the job (the revision's files of each are kept, rendered now or not).</param>
    /// <returns>The tracks that changed.</returns>
    public static async Task<IReadOnlyList<string>> PrepareAsync(
        string work, IReadOnlyList<CueTrack> tracks, int revision, IReadOnlyList<string> languages, CancellationToken cancellationToken)
    {
        var kept = PipelineArtifacts.RevisionDirectory(work, revision);
        if (!Directory.Exists(kept))
        {
            // Once per render (a resumed one finds it done), before anything of the revision is replaced.
            var partial = kept + ".partial";
            Directory.CreateDirectory(partial);
            foreach (var artifact in PipelineArtifacts.Snapshot(work, languages).Where(artifact => File.Exists(artifact.Path)))
            {
                File.Copy(artifact.Path, Path.Combine(partial, artifact.Name), overwrite: true);
            }

            Directory.Move(partial, kept);
        }

        var changed = new List<string>();
        foreach (var track in tracks)
        {
            var path = PipelineArtifacts.CueTrack(work, track.Track);
            if ((await CueTrack.ReadAsync(path, cancellationToken))?.Version == track.Version)
            {
                continue;
            }

            await AtomicFile.WriteTextAsync(path, track.ToJson(), cancellationToken);
            changed.Add(track.Track);
            if (!track.IsSource)
            {
                File.Delete(PipelineArtifacts.DubTrack(work, track.Track));
                File.Delete(PipelineArtifacts.DubbedAudio(work, track.Track));
            }
        }

        if (changed.Count > 0)
        {
            File.Delete(PipelineArtifacts.OutputVideo(work, ".mp4"));
            File.Delete(PipelineArtifacts.OutputVideo(work, ".mkv"));
        }

        return changed;
    }
}
