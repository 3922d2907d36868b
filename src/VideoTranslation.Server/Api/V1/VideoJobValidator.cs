using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Translation;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Checks an uploaded job request and turns it into a job spec, or into the reason it cannot be one: field errors,
/// languages the engines here cannot handle (with what they can), or a file that is not translatable media.
/// </summary>
internal sealed class VideoJobValidator(TranslationPipeline pipeline, IOptions<WebhookOptions> webhooks, IOptions<MediaLimitOptions> limits)
{
    public async Task<Checked<ValidatedJob>> ValidateAsync(JobUpload upload, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (upload.Video is null)
        {
            errors[UploadFields.File] = ["A video is required: a multipart file part 'file', or a 'source_url' field to fetch it from."];
        }

        var sourceField = upload.Field(UploadFields.SourceLanguage) ?? "en";
        var source = LanguageCode.Auto;
        if (!sourceField.Equals("auto", StringComparison.OrdinalIgnoreCase) && !LanguageCode.TryParse(sourceField, out source, out var sourceError))
        {
            errors[UploadFields.SourceLanguage] = [sourceError + " Or 'auto' to detect it, where the recognizer can."];
        }

        var targets = new List<LanguageCode>();
        var tags = (upload.Fields.GetValueOrDefault(UploadFields.TargetLanguages) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        foreach (var tag in tags)
        {
            if (LanguageCode.TryParse(tag, out var target, out var targetError))
            {
                targets.Add(target);
            }
            else
            {
                errors[UploadFields.TargetLanguages] = [targetError];
            }
        }

        if (tags.Count == 0)
        {
            errors[UploadFields.TargetLanguages] = ["At least one target language is required, e.g. target_languages=es or es,pt-BR."];
        }
        else if (tags.Count > UploadFields.MaxTargetLanguages)
        {
            errors[UploadFields.TargetLanguages] = [$"A job translates into at most {UploadFields.MaxTargetLanguages} languages; start another job for the rest."];
        }

        var (voices, speakerVoices) = Voices(upload, targets, errors);
        var speakers = SpeakerCount(upload.Field(UploadFields.Speakers), errors);

        var dub = Flag(upload, UploadFields.Dub, true, errors);
        var keepOriginal = Flag(upload, UploadFields.KeepOriginalAudio, true, errors);
        var subtitles = upload.Field(UploadFields.Subtitles) ?? "soft";
        if (!Capabilities.CapabilitiesApi.SubtitleModes.Contains(subtitles))
        {
            errors[UploadFields.Subtitles] = [$"'{ApiProblems.Echo(subtitles)}' is not a subtitle mode: use 'soft' (a track per language), 'burned' (drawn into the picture; re-encodes the video) or 'none'."];
        }

        var glossary = Glossary(upload.Field(UploadFields.Glossary), errors);
        if (!CallbackUrl.TryParse(upload.Field(UploadFields.CallbackUrl), webhooks.Value.AllowPrivateNetworks, out var callbackUrl, out var callbackError))
        {
            errors[UploadFields.CallbackUrl] = [callbackError!];
        }

        if (errors.Count > 0)
        {
            return SubmissionRejection.InvalidFields(errors);
        }

        if (Unsupported(source, targets, dub, upload.SourceSubtitles is not null) is { } unsupported)
        {
            return unsupported;
        }

        MediaInfo media;
        try
        {
            media = await MediaProber.ProbeAsync(upload.Video!.Value.Path, cancellationToken);
            if (media.Duration.TotalSeconds > limits.Value.MaxMediaSeconds)
            {
                return SubmissionRejection.Unprocessable(
                    ErrorCodes.MediaTooLong, $"The media lasts {media.Duration.TotalSeconds:0} s; this server takes at most {limits.Value.MaxMediaSeconds:0} s (Api:MaxMediaSeconds).");
            }

            if (upload.SourceSubtitles is null || keepOriginal)
            {
                MediaProber.RequireTranslatable(media);
            }

            if (upload.SourceSubtitles is { } provided)
            {
                SubtitleParser.Parse(await File.ReadAllTextAsync(provided.Path, cancellationToken));
            }
        }
        catch (MediaException ex)
        {
            return SubmissionRejection.Unprocessable(ex.Code, ex.Message);
        }
        catch (SubtitleFormatException ex)
        {
            return SubmissionRejection.Unprocessable(ErrorCodes.InvalidSubtitles, $"source_subtitles does not parse: {ex.Message}");
        }

        var spec = new VideoJobSpec
        {
            FileName = upload.Video!.Value.FileName,
            MediaSeconds = media.Duration.TotalSeconds,
            InputExtension = Path.GetExtension(upload.Video.Value.Path),
            TargetLanguages = [.. targets.Select(t => t.Value)],
            Dub = dub,
            KeepOriginalAudio = keepOriginal,
            Subtitles = subtitles,
            Voices = voices,
            SpeakerVoices = speakerVoices,
            Speakers = speakers,
            Glossary = glossary,
            SourceSubtitlesExtension = upload.SourceSubtitles is { } s ? Path.GetExtension(s.Path) : null,
        };
        return new ValidatedJob(spec, new LanguagePair(source, targets[0]), callbackUrl);
    }

    /// <summary>The pipeline's own check, so the API refuses exactly what the workers could not do.</summary>
    private SubmissionRejection? Unsupported(LanguageCode source, List<LanguageCode> targets, bool dub, bool hasSubtitles)
    {
        if (targets.FirstOrDefault(t => t.Language == source.Language) is { Value: not null } same)
        {
            return SubmissionRejection.Unprocessable(ErrorCodes.InvalidRequest, $"target_languages: '{same}' is the source language.");
        }

        try
        {
            pipeline.RequireSupported(source, targets, dub, hasSubtitles);
            return null;
        }
        catch (UnsupportedLanguageException ex)
        {
            return SubmissionRejection.Unprocessable(ErrorCodes.UnsupportedLanguage, ex.Message);
        }
    }

    /// <summary>
    /// The <c>voice.LANG</c> fields, keyed by the normalized language tag, and the <c>voice.LANG.SPEAKER</c> ones by tag and
    /// speaker: one per target language (and speaker) at most, each a voice the synthesizer lists (a voice name reaches
    /// the engine, so nothing else passes).
    /// </summary>
    private (Dictionary<string, string> Voices, Dictionary<string, IReadOnlyDictionary<string, string>> SpeakerVoices) Voices(
        JobUpload upload, List<LanguageCode> targets, Dictionary<string, string[]> errors)
    {
        var voices = new Dictionary<string, string>(StringComparer.Ordinal);
        var speakerVoices = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, values) in upload.Fields.Where(field => field.Key.StartsWith(UploadFields.VoicePrefix, StringComparison.Ordinal)))
        {
            var parts = name[UploadFields.VoicePrefix.Length..].Split('.');
            if (!LanguageCode.TryParse(parts[0], out var language, out var languageError))
            {
                errors[name] = [languageError];
            }
            else if (parts.Length > 2 || (parts.Length == 2 && !SpeakerProfile.IsLabel(parts[1])))
            {
                errors[name] = [$"Name a speaker as S1 to S{SpeakerDiarizer.MaxSpeakers}, e.g. voice.{language}.S2."];
            }
            else if (values.Count > 1 || (parts.Length == 1 ? voices.ContainsKey(language.Value) : speakerVoices.GetValueOrDefault(language.Value)?.ContainsKey(parts[1]) == true))
            {
                errors[name] = ["Name one voice per language and speaker."];
            }
            else if (parts.Length == 1)
            {
                voices[language.Value] = values[0];
            }
            else if (pipeline.RefuseVoices(new Dictionary<string, string> { [language.Value] = values[0] }, targets).Values.FirstOrDefault() is { } refused)
            {
                errors[name] = [refused];
            }
            else
            {
                (speakerVoices.TryGetValue(language.Value, out var chosen) ? chosen : speakerVoices[language.Value] = new(StringComparer.Ordinal))[parts[1]] = values[0];
            }
        }

        foreach (var (language, reason) in pipeline.RefuseVoices(voices, targets))
        {
            errors[UploadFields.VoicePrefix + language] = [reason];
        }

        return (voices, speakerVoices.ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<string, string>)pair.Value, StringComparer.Ordinal));
    }

    /// <summary>The <c>speakers</c> field: <c>auto</c> (the default: estimated from the audio, null) or a count from 1 to 10.</summary>
    private static int? SpeakerCount(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null or "auto")
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= SpeakerDiarizer.MaxSpeakers)
        {
            return count;
        }

        errors[UploadFields.Speakers] = [$"'{ApiProblems.Echo(value, 20)}' is not a speaker count: use 'auto' or a number from 1 to {SpeakerDiarizer.MaxSpeakers}."];
        return null;
    }

    private static bool Flag(JobUpload upload, string name, bool fallback, Dictionary<string, string[]> errors)
    {
        switch (upload.Field(name)?.ToLowerInvariant())
        {
            case null:
                return fallback;
            case "true" or "1" or "yes":
                return true;
            case "false" or "0" or "no":
                return false;
            default:
                errors[name] = ["Must be true or false."];
                return fallback;
        }
    }

    private static Dictionary<string, string> Glossary(string? json, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            if (VideoTranslation.Pipeline.Translation.Glossary.Refuse(entries) is { } refused)
            {
                errors[UploadFields.Glossary] = [refused];
                return [];
            }

            return entries;
        }
        catch (JsonException)
        {
            errors[UploadFields.Glossary] = ["Must be a JSON object of source term to target term, e.g. {\"Acme Widget\": \"Acme Widget\"}."];
            return [];
        }
    }
}
