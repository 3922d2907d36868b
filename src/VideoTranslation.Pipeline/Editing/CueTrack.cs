using System.Text.Json;
using System.Text.Json.Serialization;
using VideoTranslation.Pipeline.Speakers;

namespace VideoTranslation.Pipeline.Editing;

/// <summary>
/// The cues of one track (<c>source</c>, or a target language) as a render reads and writes them. <see cref="Version"/>
/// counts the edits the track has had: a render knows from it whether the track in its work directory is the one
/// it was asked to render.
/// </summary>
public sealed record CueTrack(string Track, long Version, IReadOnlyList<TrackCue> Cues)
{
    public const string SourceTrack = "source";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public bool IsSource => Track == SourceTrack;

    /// <summary>The source track's speakers, with their measured pitch (null on translated tracks).</summary>
    public IReadOnlyList<SpeakerProfile>? Speakers { get; init; }

    /// <summary>A translated track's voice per speaker (null on the source track, and until the dub casts them).</summary>
    public IReadOnlyDictionary<string, string>? Voices { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CueTrack FromJson(string json) =>
        JsonSerializer.Deserialize<CueTrack>(json, Json) ?? throw new JsonException("A cue track file is empty.");

    /// <summary>The track in <paramref name="path"/>, or null when there is none.</summary>
    public static async Task<CueTrack?> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? FromJson(await File.ReadAllTextAsync(path, cancellationToken)) : null;
}
