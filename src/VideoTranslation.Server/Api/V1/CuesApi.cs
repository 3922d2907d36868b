using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.Waiting;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Editing;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.V1;

/// <summary>Correcting a job: read and edit the cues of its transcript and translations, then render only what changed.</summary>
public static class CuesApi
{
    public static IEndpointRouteBuilder MapCuesApi(this IEndpointRouteBuilder endpoints)
    {
        var jobs = endpoints.MapGroup("/v1/jobs").WithTags("Editing (v1)");
        jobs.MapGet("/{id}/cues/{track}", GetCuesAsync).WithName("GetCues")
            .WithSummary("A rendered job's cues in one track: 'source' or a target language. The ETag changes with every edit and render.")
            .Produces(StatusCodes.Status304NotModified).ProducesProblems(400, 404, 409);
        jobs.MapPatch("/{id}/cues/{track}", EditCuesAsync).WithName("EditCues")
            .WithSummary("Change cues by id (text, start, end, speaker; fields left out stay) and a target track's voices per speaker. If-Match with the track's ETag makes it safe against another edit.")
            .ProducesProblems(400, 404, 409, 412, 422);
        jobs.MapPut("/{id}/cues/{track}", ImportCuesAsync).WithName("ImportCues")
            .WithSummary("Replace a track's text and timing with an SRT or WebVTT file from a subtitle editor: the same cues in the same order, as a PATCH of every cue.")
            .Accepts<string>("application/x-subrip", "text/vtt", "text/plain")
            .ProducesProblems(400, 404, 409, 412, 413, 422);
        jobs.MapGet("/{id}/revisions", ListRevisionsAsync).WithName("ListRevisions")
            .WithSummary("Every render of the job, oldest first: when it finished, which cues of which track it changed, and its subtitles and dubbing reports (earlier ones stay downloadable).")
            .ProducesProblems(400, 404);
        jobs.MapPost("/{id}/render", RenderAsync).WithName("RenderJob")
            .WithSummary("Render the edits: the job goes back to pending, translates again what a source edit made stale, synthesizes only changed speech, and mixes and muxes again.")
            .ProducesProblems(400, 404, 409);
        return endpoints;
    }

    internal static async Task<Results<Ok<CueTrackResource>, StatusCodeHttpResult, ProblemHttpResult>> GetCuesAsync(
        string id, string track, HttpContext context, IJobRepository jobs, CueTrackStore cues, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindTrackAsync(id, track, context, jobs, cues, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var etag = new EntityTagHeaderValue(found.Track.ETag);
        context.Response.Headers.ETag = etag.ToString();
        return JobWaiter.ClientHas(context.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(CueTrackResource.From(found.Track));
    }

    internal static async Task<Results<Ok<CueTrackResource>, ProblemHttpResult>> EditCuesAsync(
        string id, string track, CueEditsRequest? request, HttpContext context, IJobRepository jobs, CueTrackStore cues, TranslationPipeline pipeline,
        JobSpeakers speakers, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindTrackAsync(id, track, context, jobs, cues, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        var edits = (request?.Cues ?? []).Select(edit => new CueEdit(edit.Id ?? "", edit.Text, edit.Start, edit.End, edit.Speaker)).ToList();
        var applied = await ApplyAsync(found, edits, context, cues, cancellationToken, request?.Voices, pipeline.RefuseVoice);
        speakers.Forget(found.Job); // voices and speakers live in the tracks
        return applied;
    }

    internal static async Task<Results<Ok<CueTrackResource>, ProblemHttpResult>> ImportCuesAsync(
        string id, string track, HttpContext context, IJobRepository jobs, CueTrackStore cues, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindTrackAsync(id, track, context, jobs, cues, cancellationToken);
        if (found is null)
        {
            return problem!;
        }

        using var reader = new StreamReader(context.Request.Body);
        IReadOnlyList<Cue> imported;
        try
        {
            imported = SubtitleParser.Parse(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (SubtitleFormatException ex)
        {
            return ApiProblems.Unprocessable(ErrorCodes.InvalidSubtitles, $"The file does not parse as SRT or WebVTT: {ex.Message}");
        }

        var current = found.Track.Track;
        if (imported.Count != current.Cues.Count)
        {
            return ApiProblems.Unprocessable(ErrorCodes.InvalidRequest,
                $"The file has {imported.Count} cues and the {current.Track} track {current.Cues.Count}: an import changes the text and times of the track's cues in order, so it needs one cue for each (export the track, edit it, and send it back).");
        }

        var edits = current.Cues.Zip(imported, (cue, file) => new CueEdit(cue.Id, file.Text, file.Start.TotalSeconds, file.End.TotalSeconds)).ToList();
        return await ApplyAsync(found, edits, context, cues, cancellationToken);
    }

    /// <summary>Applies edits to a track under its <c>If-Match</c>: the edited track with its new ETag, or why not.</summary>
    private static async Task<Results<Ok<CueTrackResource>, ProblemHttpResult>> ApplyAsync(
        FoundTrack found, IReadOnlyList<CueEdit> edits, HttpContext context, CueTrackStore cues, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? voices = null, Func<string, string?>? refuseVoice = null)
    {
        var (job, stored, all) = found;
        if (job.Status == JobStatus.Pending)
        {
            return ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.JobPending, "The job is working", "The job is rendering; edit its cues once it has finished.");
        }

        if (context.Request.GetTypedHeaders().IfMatch is { Count: > 0 } expected
            && !expected.Any(tag => tag == EntityTagHeaderValue.Any || tag.Compare(new EntityTagHeaderValue(stored.ETag), useStrongComparison: true)))
        {
            return TrackChanged(stored);
        }

        var language = stored.Track.IsSource ? job.Languages.Source.Language : LanguageCode.Parse(stored.Track.Track).Language;
        switch (CueEditor.Apply(stored.Track, [.. all.Select(t => t.Track)], edits, job.Video!.MediaSeconds, language, voices, refuseVoice))
        {
            case CueEditOutcome.Invalid invalid:
                return ApiProblems.Unprocessable(ErrorCodes.InvalidRequest, ApiProblems.Describe(invalid.Errors), invalid.Errors);
            case CueEditOutcome.Applied applied:
                if (!await cues.UpdateAsync(job.Id, applied.Tracks, cancellationToken))
                {
                    return TrackChanged(stored);
                }

                var updated = new StoredTrack(applied.Tracks[0], stored.RenderedVersion, stored.Revision);
                context.Response.Headers.ETag = updated.ETag;
                return TypedResults.Ok(CueTrackResource.From(updated));
            default:
                throw new InvalidOperationException("Unknown edit outcome.");
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<RevisionResource>>, ProblemHttpResult>> ListRevisionsAsync(
        string id, HttpContext context, IJobRepository jobs, CueTrackStore cues, ArtifactCatalog catalog, CancellationToken cancellationToken)
    {
        var (job, problem) = await JobsApi.FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        var revisions = await cues.ListRevisionsAsync(job.Id, cancellationToken);
        var artifacts = await catalog.ForAsync(job, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RevisionResource>>([.. revisions.Select(revision => RevisionResource.From(job, revision, revision.Revision == revisions[^1].Revision, artifacts))]);
    }

    internal static async Task<Results<Accepted<JobResource>, ProblemHttpResult>> RenderAsync(
        string id, RenderRequest? request, HttpContext context, IJobRepository jobs, CueTrackStore cues, JobResources resources,
        CancellationToken cancellationToken)
    {
        var (job, problem) = await JobsApi.FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        var tracks = job.Kind == JobKind.Video ? await cues.ListAsync(job.Id, cancellationToken) : [];
        if (Unrenderable(job, tracks) is { } refused)
        {
            return refused;
        }

        if (request?.Languages is { Count: > UploadFields.MaxTargetLanguages })
        {
            return ApiProblems.Unprocessable(ErrorCodes.InvalidRequest, $"languages: a job has at most {UploadFields.MaxTargetLanguages} target languages.");
        }

        var languages = new List<string>();
        foreach (var tag in (request?.Languages ?? []).Distinct(StringComparer.Ordinal))
        {
            if (!LanguageCode.TryParse(tag, out var language, out _) || !job.Video!.TargetLanguages.Contains(language.Value))
            {
                return ApiProblems.Unprocessable(ErrorCodes.InvalidRequest, $"languages: '{ApiProblems.Echo(tag, 20)}' is not a target language of the job ({string.Join(", ", job.Video!.TargetLanguages)}).");
            }

            languages.Add(language.Value);
        }

        // The languages asked for (all by default) and the source, where each has changes.
        var chosen = tracks
            .Where(track => track.Changed && (track.Track.IsSource || languages.Count == 0 || languages.Contains(track.Track.Track)))
            .Select(track => track.Track.Track)
            .ToList();
        if (chosen.Count == 0)
        {
            return ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.NothingToRender, "Nothing to render",
                languages.Count == 0 ? "No cue changed since the last render." : $"No cue of {string.Join(", ", languages)} changed since the last render.");
        }

        if (await jobs.RenderAsync(job.Id, WorkQueues.For(PipelineStage.Translating), chosen, cancellationToken) is not { } rendering)
        {
            return ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.JobPending, "The job is working", "The job changed meanwhile; read it and try again.");
        }

        return TypedResults.Accepted($"/v1/jobs/{rendering.Id}", await resources.CreateAsync(rendering, cancellationToken));
    }

    /// <summary>A job, its track asked for, and all its tracks (an edit of the source reaches the translations).</summary>
    private sealed record FoundTrack(TranslationJob Job, StoredTrack Track, IReadOnlyList<StoredTrack> All);

    /// <summary>The job and its track named <paramref name="track"/>, or the problem that says why there is none to show.</summary>
    private static async Task<(FoundTrack? Found, ProblemHttpResult? Problem)> FindTrackAsync(
        string id, string track, HttpContext context, IJobRepository jobs, CueTrackStore cues, CancellationToken cancellationToken)
    {
        var (job, problem) = await JobsApi.FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return (null, problem);
        }

        var name = track == CueTrack.SourceTrack ? track : LanguageCode.TryParse(track, out var language, out _) ? language.Value : null;
        if (job.Video is not { } spec || name is null || (name != CueTrack.SourceTrack && !spec.TargetLanguages.Contains(name)))
        {
            return (null, ApiProblems.WithCode(StatusCodes.Status404NotFound, ErrorCodes.TrackNotFound, "Not found",
                $"Job {job.Id} has no track '{ApiProblems.Echo(track, 20)}': use 'source' or one of its target languages ({string.Join(", ", job.Video?.TargetLanguages ?? [])})."));
        }

        var tracks = await cues.ListAsync(job.Id, cancellationToken);
        if (tracks.Count == 0)
        {
            return (null, Unrenderable(job, tracks));
        }

        return tracks.FirstOrDefault(t => t.Track.Track == name) is { } found
            ? (new FoundTrack(job, found, tracks), null)
            : (null, ApiProblems.WithCode(StatusCodes.Status404NotFound, ErrorCodes.TrackNotFound, "Not found", $"Job {job.Id} has no cues for '{name}'."));
    }

    /// <summary>Why the job's cues cannot be rendered now; null when they can.</summary>
    private static ProblemHttpResult? Unrenderable(TranslationJob job, IReadOnlyList<StoredTrack> tracks) =>
        job.Status == JobStatus.Pending
            ? ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.JobPending, "The job is working", "The job has not finished its current render; try once it has.")
            : tracks.Count == 0
                ? ApiProblems.WithCode(StatusCodes.Status409Conflict, ErrorCodes.NotRendered, "Nothing rendered yet", "The job never completed a render, so it has no cues; start a new job instead.")
                : null;

    private static ProblemHttpResult TrackChanged(StoredTrack stored) =>
        ApiProblems.WithCode(StatusCodes.Status412PreconditionFailed, ErrorCodes.TrackChanged, "The track changed",
            $"The track is now at {stored.ETag}; read it again and repeat the edit on what it holds now.");
}
