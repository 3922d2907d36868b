namespace VideoTranslation.Domain;

/// <summary>What a video job was asked to do; stored with the job so any worker can run it.</summary>
public sealed record VideoJobSpec
{
    /// <summary>The uploaded file's name as the client sent it (for display and artifact names only).</summary>
    public required string FileName { get; init; }

    /// <summary>The media's duration in seconds, as probed at upload: the basis of time estimates.</summary>
    public double MediaSeconds { get; init; }

    /// <summary>The stored input's extension, e.g. <c>.mp4</c>: the file is <c>input{extension}</c> in the job's directory.</summary>
    public required string InputExtension { get; init; }

    public required IReadOnlyList<string> TargetLanguages { get; init; }

    public bool Dub { get; init; } = true;

    public bool KeepOriginalAudio { get; init; } = true;

    /// <summary><c>soft</c> (a subtitle track per language), <c>burned</c> (the first language drawn into the picture) or <c>none</c>.</summary>
    public string Subtitles { get; init; } = "soft";

    /// <summary>Voice per target language tag.</summary>
    public IReadOnlyDictionary<string, string> Voices { get; init; } = new Dictionary<string, string>();

    /// <summary>Voice per target language tag and speaker (<c>es</c> → <c>S2</c> → <c>es+f3</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SpeakerVoices { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>How many people speak (1 to 10); null to estimate it from the audio.</summary>
    public int? Speakers { get; init; }

    /// <summary>Source term to required target term.</summary>
    public IReadOnlyDictionary<string, string> Glossary { get; init; } = new Dictionary<string, string>();

    /// <summary>The extension of provided source subtitles (<c>.srt</c> or <c>.vtt</c>), stored as <c>source-subtitles{ext}</c>; null when speech is recognized.</summary>
    public string? SourceSubtitlesExtension { get; init; }
}
