using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.Server.Engines;

/// <summary>
/// Runs a video job through the translation pipeline in the job's work directory. Because the pipeline skips
/// stages whose output exists, a job taken over after a crash resumes where the dead worker stopped. Input
/// problems become permanent failures with a code the API reports.
/// </summary>
internal sealed class VideoTranslationEngine(
    TranslationPipeline pipeline, JobFiles files, IOptions<DubbingOptions> dubbing, IOptions<WorkerOptions> workers) : ITranslationEngine
{
    // The stages this process's workers may do; null when they serve every queue.
    private readonly IReadOnlySet<PipelineStage>? stages = workers.Value.ServesSomeQueues ? WorkQueues.Stages(workers.Value.QueueSet) : null;

    public async Task TranslateAsync(TranslationJob job, IProgress<JobProgress> progress, CancellationToken cancellationToken)
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
            Glossary = new Glossary(spec.Glossary),
            SourceSubtitlesPath = files.SourceSubtitlesFor(job.Id, spec),
            MaxSpeedUp = dubbing.Value.MaxSpeedUp,
            Stages = stages,
        };

        try
        {
            await pipeline.RunAsync(request, files.WorkFor(job.Id), new StageProgress(progress), cancellationToken);
        }
        catch (StageHandOffException ex)
        {
            throw new JobHandOffException(WorkQueues.For(ex.Stage), ex);
        }
        catch (MediaException ex)
        {
            throw new JobFailedException(ex.Code, ex.Message, ex);
        }
        catch (UnsupportedLanguageException ex)
        {
            throw new JobFailedException("unsupported_language", ex.Message, ex);
        }
        catch (SubtitleFormatException ex)
        {
            throw new JobFailedException("invalid_subtitles", $"The source subtitles do not parse: {ex.Message}", ex);
        }
        catch (ToolException ex) when (ex.IsMissing)
        {
            throw new JobFailedException("engine_unavailable", ex.Message, ex);
        }
    }

    /// <summary>Pipeline stages as the API names them: <c>extracting_audio</c>, <c>transcribing</c>, ...</summary>
    private sealed class StageProgress(IProgress<JobProgress> inner) : IProgress<PipelineProgress>
    {
        public void Report(PipelineProgress value) =>
            inner.Report(new JobProgress(JsonNamingPolicy.SnakeCaseLower.ConvertName(value.Stage.ToString()), value.Fraction));
    }
}
