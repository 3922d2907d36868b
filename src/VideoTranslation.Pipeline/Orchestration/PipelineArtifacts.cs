using VideoTranslation.Pipeline.Subtitles;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// A file a translation produces: its public name (e.g. <c>es.srt</c>), where it is, what it is, for which language, and for
/// an earlier revision's kept file (<c>r1.es.srt</c>), which revision.
/// </summary>
public sealed record PipelineArtifact(string Name, string Path, string ContentType, string Kind, string? Language, int? Revision = null);

/// <summary>
/// The layout of a translation's work directory, in one place: the pipeline writes these paths, and the server's
/// artifact endpoints and the CLI publish them under these names.
/// </summary>
public static class PipelineArtifacts
{
    public static string Transcript(string work) => Path.Combine(work, "transcript.json");

    /// <summary>Who speaks when (<see cref="Speakers.Diarization"/>), found in the audio before the transcript is written (a work file).</summary>
    public static string Speakers(string work) => Path.Combine(work, "speakers.json");

    /// <summary>The media's length as measured against the server's limit, in seconds (a work file, not an artifact).</summary>
    public static string MeasuredSeconds(string work) => Path.Combine(work, "measured-seconds.txt");

    public static string SourceSubtitles(string work, SubtitleFormat format) => Path.Combine(work, "source" + Extension(format));

    public static string LanguageDirectory(string work, string language) => Path.Combine(work, language);

    /// <summary>An editable track, <c>source</c> or a target language (a work file: the API serves tracks from the job store).</summary>
    public static string CueTrack(string work, string track) => Path.Combine(work, "cues", track + ".json");

    /// <summary>What the render under way changes, per track (a work file, so a render resumed or handed on still knows).</summary>
    public static string RenderChanges(string work) => Path.Combine(work, "cues", "changes.json");

    /// <summary>Synthesized clips of a language, named by what was spoken and how (<see cref="TranslationPipeline"/>), so a render reuses every unchanged one.</summary>
    public static string Clips(string work, string language) => Path.Combine(LanguageDirectory(work, language), "clips");

    /// <summary>The dub's speech alone, placed at the cue times, before it is mixed (a work file).</summary>
    public static string DubTrack(string work, string language) => Path.Combine(LanguageDirectory(work, language), "dub.wav");

    public static string Translation(string work, string language) => Path.Combine(LanguageDirectory(work, language), "translation.json");

    public static string Subtitles(string work, string language, SubtitleFormat format) => Path.Combine(LanguageDirectory(work, language), "subtitles" + Extension(format));

    public static string DubbedAudio(string work, string language) => Path.Combine(LanguageDirectory(work, language), "audio.m4a");

    public static string DubbingReport(string work, string language) => Path.Combine(LanguageDirectory(work, language), "dubbing-report.json");

    /// <param name="extension"><c>.mp4</c> or <c>.mkv</c>, as the muxer chooses for the input.</param>
    public static string OutputVideo(string work, string extension) => Path.Combine(work, "output" + extension);

    /// <summary>Every artifact a translation into <paramref name="languages"/> can produce, whether written yet or not.</summary>
    public static IEnumerable<PipelineArtifact> All(string work, IEnumerable<string> languages)
    {
        yield return new("transcript.json", Transcript(work), "application/json", "transcript", null);
        yield return new("source.srt", SourceSubtitles(work, SubtitleFormat.Srt), "application/x-subrip", "srt", null);
        yield return new("source.vtt", SourceSubtitles(work, SubtitleFormat.WebVtt), "text/vtt", "vtt", null);
        foreach (var language in languages)
        {
            yield return new($"{language}.srt", Subtitles(work, language, SubtitleFormat.Srt), "application/x-subrip", "srt", language);
            yield return new($"{language}.vtt", Subtitles(work, language, SubtitleFormat.WebVtt), "text/vtt", "vtt", language);
            yield return new($"{language}.dub.m4a", DubbedAudio(work, language), "audio/mp4", "dub", language);
            yield return new($"{language}.dubbing-report.json", DubbingReport(work, language), "application/json", "dubbing_report", language);
        }

        yield return new("output.mp4", OutputVideo(work, ".mp4"), "video/mp4", "video", null);
        yield return new("output.mkv", OutputVideo(work, ".mkv"), "video/x-matroska", "video", null);
    }

    /// <summary>Where a render keeps the subtitles and dubbing reports of the revision it replaces.</summary>
    public static string RevisionDirectory(string work, int revision) =>
        Path.Combine(work, "revisions", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The subtitles and dubbing reports of revisions 1 to <paramref name="before"/> less one, kept when a render replaced
    /// them: <c>r1.es.srt</c>, <c>r1.es.dubbing-report.json</c>, … (the latest revision's are the plain names).
    /// </summary>
    public static IEnumerable<PipelineArtifact> Revisions(string work, IEnumerable<string> languages, int before)
    {
        for (var revision = 1; revision < before; revision++)
        {
            var directory = RevisionDirectory(work, revision);
            foreach (var artifact in Snapshot(work, languages))
            {
                yield return artifact with { Name = $"r{revision}.{artifact.Name}", Path = Path.Combine(directory, artifact.Name), Revision = revision };
            }
        }
    }

    /// <summary>What a revision keeps of itself when the next replaces it: the subtitles and dubbing reports, as they are now.</summary>
    public static IEnumerable<PipelineArtifact> Snapshot(string work, IEnumerable<string> languages) =>
        All(work, languages).Where(artifact => artifact.Kind is "srt" or "vtt" or "dubbing_report");

    /// <summary>The artifacts written so far (each is written atomically, so an existing one is complete).</summary>
    public static IReadOnlyList<PipelineArtifact> Existing(string work, IEnumerable<string> languages) =>
        [.. All(work, languages).Where(artifact => File.Exists(artifact.Path))];

    private static string Extension(SubtitleFormat format) => format == SubtitleFormat.Srt ? ".srt" : ".vtt";
}
