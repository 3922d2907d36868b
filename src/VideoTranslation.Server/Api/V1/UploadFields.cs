namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// The form fields <c>POST /v1/jobs</c> takes, and how many and how much of them: the one list the upload reader and
/// the validator ask. An unknown field is refused as it arrives, so none is ever stored with a job or held in memory.
/// </summary>
internal static class UploadFields
{
    public const string File = "file";
    public const string SourceSubtitles = "source_subtitles";
    public const string SourceUrl = "source_url";
    public const string SourceLanguage = "source_language";
    public const string TargetLanguages = "target_languages";
    public const string Dub = "dub";
    public const string KeepOriginalAudio = "keep_original_audio";
    public const string Subtitles = "subtitles";
    public const string Glossary = "glossary";
    public const string CallbackUrl = "callback_url";
    public const string Speakers = "speakers";

    /// <summary>
    /// <c>voice.LANG</c>: the voice for one target language, e.g. <c>voice.es=es+f3</c>; <c>voice.LANG.SPEAKER</c>: for
    /// one speaker in it, e.g. <c>voice.es.S2=es+f3</c>.
    /// </summary>
    public const string VoicePrefix = "voice.";

    /// <summary>The longest speaker label in a field name (<c>.S10</c>).</summary>
    private const int SpeakerSuffixLength = 4;

    /// <summary>Field parts in one request: every field above with room for a voice per target language.</summary>
    public const int MaxFields = 32;

    /// <summary>One field's value (a glossary is the largest).</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>All fields' values together.</summary>
    public const int MaxTotalFieldBytes = 128 * 1024;

    /// <summary>Target languages in one job.</summary>
    public const int MaxTargetLanguages = 10;

    private static readonly HashSet<string> Plain = new(StringComparer.Ordinal)
    {
        SourceUrl, SourceLanguage, TargetLanguages, Dub, KeepOriginalAudio, Subtitles, Glossary, CallbackUrl, Speakers,
    };

    /// <summary>Whether <paramref name="name"/> is a field this endpoint takes (the file parts are not fields).</summary>
    public static bool IsField(string name) =>
        Plain.Contains(name) || (name.StartsWith(VoicePrefix, StringComparison.Ordinal) && name.Length > VoicePrefix.Length && name.Length <= VoicePrefix.Length + Domain.LanguageCode.MaxLength + SpeakerSuffixLength);

    /// <summary>The fields named in an error about an unknown one.</summary>
    public static string Listed => string.Join(", ", Plain.Order(StringComparer.Ordinal)) + ", voice.LANG, voice.LANG.SPEAKER";
}
