using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>The files a translation produced, all inside its work directory.</summary>
public sealed record PipelineResult(
    string Transcript,
    string SourceSrt,
    string SourceVtt,
    IReadOnlyList<LanguageResult> Languages,
    string OutputVideo);

/// <summary>One target language's files; the dub files are null when dubbing was off.</summary>
public sealed record LanguageResult(LanguageCode Language, string Srt, string Vtt, string? DubbedAudio, string? DubbingReport);
