using Microsoft.Extensions.Caching.Memory;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Server.Editing;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// A video job's speakers as its resource lists them: from its rendered tracks, the source's speakers with their pitch
/// and each target track's voice for them. Read once per node for a finished job (a render changes its version).
/// </summary>
public sealed class JobSpeakers(CueTrackStore cues) : IDisposable
{
    private readonly MemoryCache finished = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The speakers; null for a job that has none yet (not a video job, or never rendered).</summary>
    public async Task<IReadOnlyList<SpeakerResource>?> ForAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        if (job.Video is null || job.State == JobState.Cancelled)
        {
            return null;
        }

        var key = (job.Id, job.CreatedAt, job.Version);
        if (finished.TryGetValue(key, out IReadOnlyList<SpeakerResource>? cached))
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

        if (job.State.IsTerminal())
        {
            finished.Set(key, speakers, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return speakers;
    }

    public void Dispose() => finished.Dispose();
}
