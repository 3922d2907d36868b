using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Editing;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Runs a video job through the translation pipeline in the job's work directory. Because the pipeline skips
/// stages whose output exists, a job taken over after a crash resumes where the dead worker stopped. Input
/// problems become permanent failures with a code the API reports.
/// </summary>
internal sealed class VideoTranslationEngine(
    TranslationPipeline pipeline, JobFiles files, IArtifactStore store, CueTrackStore cues, IOptions<DubbingOptions> dubbing, IOptions<WorkerOptions> workers, IOptions<MediaLimitOptions> limits) : ITranslationEngine
{
    // The stages this process's workers may do; null when they serve every queue.
    private readonly IReadOnlySet<PipelineStage>? stages = workers.Value.ServesSomeQueues ? WorkQueues.Stages(workers.Value.QueueSet) : null;

    public async Task<JobOutcome> TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
    {
        var spec = job.Video ?? throw new InvalidOperationException($"Job {job.Id} is not a video job.");
        var request = new PipelineRequest
        {
            InputPath = files.InputFor(job.Id, spec),
            SourceLanguage = job.Languages.Source,
            TargetLanguages = [.. spec.TargetLanguages.Select(LanguageCode.Parse)],
            Dub = spec.Dub,
            KeepOriginalAudio = spec.KeepOriginalAudio,
            MuxSubtitles = spec.Subtitles == "soft",
            BurnSubtitles = spec.Subtitles == "burned",
            Voices = spec.Voices,
            SpeakerVoices = spec.SpeakerVoices,
            Speakers = spec.Speakers,
            Glossary = new Glossary(spec.Glossary),
            SourceSubtitlesPath = files.SourceSubtitlesFor(job.Id, spec),
            MaxSpeedUp = dubbing.Value.MaxSpeedUp,
            MaxMediaDuration = limits.Value.MaxMediaDuration,
            Stages = stages,
        };

        // Work on local files: bring in what other nodes stored (the upload, stages done elsewhere), store each
        // stage's output as the next begins (so a crash here resumes from it on any node), and everything at the end.
        await store.PullAsync(job.Id, cancellationToken);
        var work = files.WorkFor(job.Id);
        var stored = await cues.ListAsync(job.Id, cancellationToken);
        var rendering = stored.Where(track => track.ToRender).ToList();
        // Tracks but no render asked for: a render whose worker saved them and stopped before the job completed. Its
        // files are all there, so the run below only finds them; preparing or saving again would make an empty revision.
        var saved = stored.Count > 0 && !stored.Any(track => track.RenderRequested);
        var changes = await RenderChanges.BetweenAsync(work, rendering, cancellationToken);
        if (stored.Count > 0 && !saved)
        {
            // A render: the edited tracks asked for replace those the last render left, and what they change is done again.
            await RenderPreparation.PrepareAsync(
                work, [.. rendering.Select(track => track.Track)], stored.Max(track => track.Revision), spec.TargetLanguages, cancellationToken);
        }

        var saving = Task.CompletedTask;
        var reporter = new StageProgress(progress, () => saving = saving.ContinueWith(_ => store.PushAsync(job.Id, cancellationToken), TaskScheduler.Default).Unwrap());
        try
        {
            await pipeline.RunAsync(request, work, reporter, cancellationToken);
        }
        catch (Exception ex) when (OutcomeOf(ex) is { } outcome)
        {
            await saving.ContinueWith(_ => { }, TaskScheduler.Default);
            if (outcome is JobOutcome.HandedOff)
            {
                await store.PushAsync(job.Id, cancellationToken); // the next worker needs it all
                await store.EvictLocalCopyAsync(job.Id);
            }

            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await saving.ContinueWith(_ => { }, TaskScheduler.Default);
            throw; // transient: the worker retries it
        }

        await saving.ContinueWith(_ => { }, TaskScheduler.Default);
        await store.PushAsync(job.Id, cancellationToken);
        if (!saved)
        {
            await cues.SaveRenderedAsync(job.Id, await RenderedTracksAsync(work, spec, cancellationToken), changes, cancellationToken);
        }

        await store.EvictLocalCopyAsync(job.Id);
        return JobOutcome.Completed.Instance;
    }

    /// <summary>The tracks as the run left them: the source and each target language's.</summary>
    private static async Task<IReadOnlyList<CueTrack>> RenderedTracksAsync(string work, VideoJobSpec spec, CancellationToken cancellationToken)
    {
        var tracks = new List<CueTrack>();
        foreach (var name in spec.TargetLanguages.Prepend(CueTrack.SourceTrack))
        {
            if (await CueTrack.ReadAsync(PipelineArtifacts.CueTrack(work, name), cancellationToken) is { } track)
            {
                tracks.Add(track);
            }
        }

        return tracks;
    }

    /// <summary>What a pipeline exception means for the job: handed on, failed for good with a code, or (null) transient.</summary>
    private static JobOutcome? OutcomeOf(Exception ex) => ex switch
    {
        StageHandOffException handOff => new JobOutcome.HandedOff(WorkQueues.For(handOff.Stage)),
        MediaException media => new JobOutcome.Failed(media.Code, media.Message, ex),
        UnsupportedLanguageException => new JobOutcome.Failed(ErrorCodes.UnsupportedLanguage, ex.Message, ex),
        GlossaryExpansionException => new JobOutcome.Failed(ErrorCodes.GlossaryTooLarge, ex.Message, ex),
        SubtitleFormatException => new JobOutcome.Failed(ErrorCodes.InvalidSubtitles, $"The source subtitles do not parse: {ex.Message}", ex),
        ToolException { IsMissing: true } => new JobOutcome.Failed(ErrorCodes.EngineUnavailable, ex.Message, ex),
        ToolException { TimedOut: true } => new JobOutcome.Failed(ErrorCodes.ToolTimeout, ex.Message, ex),
        _ => null,
    };

    /// <summary>Pipeline stages as the API names them (<c>extracting_audio</c>, <c>transcribing</c>, ...), with a call when a new stage begins.</summary>
    private sealed class StageProgress(IProgress<JobProgress> inner, Action stageBegins) : IProgress<PipelineProgress>
    {
        private PipelineStage? current;

        public void Report(PipelineProgress value)
        {
            if (current is { } previous && previous != value.Stage)
            {
                stageBegins();
            }

            current = value.Stage;
            inner.Report(new JobProgress(value.Stage.JobStageName(), value.Fraction));
        }
    }
}
