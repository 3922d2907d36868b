using Microsoft.Extensions.Caching.Memory;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Server.Editing;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's speakers as its resource lists them: from its tracks, the source's speakers with their pitch and each
/// target track's voice for them. Read once per node and job version: tracks change only as a run completes (which
/// changes the version) or by an edit, after which <see cref="Forget"/> drops this node's copy (another node's shows
/// the voices as rendered until the job's next version).
/// </summary>
public sealed class JobSpeakers(CueTrackStore cues) : IDisposable
{
    private readonly MemoryCache read = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The speakers; null for a job that has none yet (not a video job, or never rendered).</summary>
    public async Task<IReadOnlyList<SpeakerResource>?> ForAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        if (job.Video is null || job.State == JobState.Cancelled)
        {
            return null;
        }

        if (read.TryGetValue((job.Id, job.CreatedAt, job.Version), out IReadOnlyList<SpeakerResource>? cached))
        {
            return cached;
        }

        var tracks = await cues.ListAsync(job.Id, cancellationToken);
        IReadOnlyList<SpeakerResource>? speakers = null;
        if (tracks.FirstOrDefault(track => track.Track.IsSource) is { } source)
        {
            var translated = tracks.Where(track => !track.Track.IsSource).ToList();
            speakers =
            [
                .. (source.Track.Speakers ?? [new SpeakerProfile(Diarization.FirstSpeaker, 0)]).Select(speaker => new SpeakerResource(
                    speaker.Id,
                    speaker.Name,
                    speaker.MedianPitchHz,
                    translated
                        .Where(track => track.Track.Voices?.ContainsKey(speaker.Id) == true)
                        .ToDictionary(track => track.Track.Track, track => track.Track.Voices![speaker.Id], StringComparer.Ordinal))),
            ];
        }

        read.Set((job.Id, job.CreatedAt, job.Version), speakers, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return speakers;
    }

    /// <summary>Drops this node's copy of the job's speakers at its current version (its tracks were edited).</summary>
    public void Forget(TranslationJob job) => read.Remove((job.Id, job.CreatedAt, job.Version));

    public void Dispose() => read.Dispose();
}
