using VideoTranslation.Domain;

namespace VideoTranslation.Pipeline.Media;

/// <summary>What one target language adds to the output video: an audio track (when dubbed) and subtitles.</summary>
public sealed record TranslatedTrack(LanguageCode Language, string? AudioM4a, string? SubtitlesSrt);
