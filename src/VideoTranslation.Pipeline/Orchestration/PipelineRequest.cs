using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>What to translate and how.</summary>
public sealed record PipelineRequest
{
    public required string InputPath { get; init; }

    public required LanguageCode SourceLanguage { get; init; }

    public required IReadOnlyList<LanguageCode> TargetLanguages { get; init; }

    /// <summary>Synthesize a dubbed audio track per language.</summary>
    public bool Dub { get; init; } = true;

    /// <summary>Mix the original audio, ducked, under the dub (otherwise the dub alone).</summary>
    public bool KeepOriginalAudio { get; init; } = true;

    /// <summary>Add a soft subtitle track per language to the output video (the subtitle files are written regardless).</summary>
    public bool MuxSubtitles { get; init; } = true;

    /// <summary>
    /// Burn the first target language's subtitles into the picture instead: the only option that re-encodes the
    /// video (H.264). Soft subtitle tracks are then left out.
    /// </summary>
    public bool BurnSubtitles { get; init; }

    /// <summary>Engine voice per target language tag, e.g. <c>es</c> → <c>es-419</c>.</summary>
    public IReadOnlyDictionary<string, string> Voices { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Voices per target language tag and speaker (e.g. <c>es</c> → <c>S2</c> → <c>es+f3</c>): each wins over the voice
    /// cast by register. A voice in <see cref="Voices"/> speaks for every speaker not named here.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SpeakerVoices { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>How many people speak: null to estimate from the audio, 1 to take all speech as one speaker's.</summary>
    public int? Speakers { get; init; }

    public Glossary Glossary { get; init; } = Glossary.Empty;

    /// <summary>SRT or WebVTT in the source language that replaces speech recognition.</summary>
    public string? SourceSubtitlesPath { get; init; }

    /// <summary>The longest media this run takes, measured on the media itself (a header can lie); null for no limit.</summary>
    public TimeSpan? MaxMediaDuration { get; init; }

    public double MaxSpeedUp { get; init; } = Synthesis.DubFitter.DefaultMaxSpeedUp;

    /// <summary>
    /// The stages this run may do; null for all. When a stage outside them still has work, the run stops with
    /// <see cref="StageHandOffException"/> (a worker made for other stages hands the job on). Probing always runs.
    /// </summary>
    public IReadOnlySet<PipelineStage>? Stages { get; init; }
}
