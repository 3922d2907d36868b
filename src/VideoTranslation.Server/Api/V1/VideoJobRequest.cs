using System.Text.Json;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Turns an uploaded job request into a job spec, or into the reason it cannot be one: field errors, languages
/// the engines here cannot handle (with what they can), or a file that is not translatable media.
/// </summary>
internal sealed class VideoJobRequest(TranslationPipeline pipeline, IOptions<VideoTranslation.Server.Webhooks.WebhookOptions> webhooks, IOptions<ApiOptions> api)
{
    public sealed record Invalid(string Code, string Message, Dictionary<string, string[]>? Errors = null);

    public async Task<(VideoJobSpec? Spec, LanguagePair Languages, string? CallbackUrl, Invalid? Problem)> ValidateAsync(JobUpload upload, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (upload.Video is null)
        {
            errors["file"] = ["A video is required: a multipart file part 'file', or a 'source_url' field to fetch it from."];
        }

        var sourceField = upload.Field("source_language") ?? "en";
        var source = LanguageCode.Auto;
        if (!sourceField.Equals("auto", StringComparison.OrdinalIgnoreCase) && !LanguageCode.TryParse(sourceField, out source, out var sourceError))
        {
            errors["source_language"] = [sourceError + " Or 'auto' to detect it, where the recognizer can."];
        }

        var targets = new List<LanguageCode>();
        var tags = (upload.Fields.GetValueOrDefault("target_languages") ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        foreach (var tag in tags)
        {
            if (LanguageCode.TryParse(tag, out var target, out var targetError))
            {
                targets.Add(target);
            }
            else
            {
                errors["target_languages"] = [targetError];
            }
        }

        if (tags.Count == 0)
        {
            errors["target_languages"] = ["At least one target language is required, e.g. target_languages=es or es,pt-BR."];
        }

        var dub = Flag(upload, "dub", true, errors);
        var keepOriginal = Flag(upload, "keep_original_audio", true, errors);
        var subtitles = upload.Field("subtitles") ?? "soft";
        if (!Capabilities.CapabilitiesApi.SubtitleModes.Contains(subtitles))
        {
            errors["subtitles"] = [$"'{subtitles}' is not a subtitle mode: use 'soft' (a track per language), 'burned' (drawn into the picture; re-encodes the video) or 'none'."];
        }

        var glossary = Glossary(upload.Field("glossary"), errors);
        if (!CallbackUrl.TryParse(upload.Field("callback_url"), webhooks.Value.AllowPrivateNetworks, out var callbackUrl, out var callbackError))
        {
            errors["callback_url"] = [callbackError!];
        }

        if (errors.Count > 0)
        {
            return (null, default, null, new Invalid("invalid_request", string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), errors));
        }

        if (Unsupported(source, targets, dub, upload.SourceSubtitles is not null) is { } unsupported)
        {
            return (null, default, null, unsupported);
        }

        MediaInfo media;
        try
        {
            media = await MediaProber.ProbeAsync(upload.Video!.Value.Path, cancellationToken);
            if (media.Duration.TotalSeconds > api.Value.MaxMediaSeconds)
            {
                return (null, default, null, new Invalid(
                    "media_too_long", $"The media lasts {media.Duration.TotalSeconds:0} s; this server takes at most {api.Value.MaxMediaSeconds:0} s (Api:MaxMediaSeconds)."));
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
            return (null, default, null, new Invalid(ex.Code, ex.Message));
        }
        catch (SubtitleFormatException ex)
        {
            return (null, default, null, new Invalid("invalid_subtitles", $"source_subtitles does not parse: {ex.Message}"));
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
            Voices = upload.Fields.Where(f => f.Key.StartsWith("voice.", StringComparison.Ordinal)).ToDictionary(f => f.Key["voice.".Length..], f => f.Value[^1]),
            Glossary = glossary,
            SourceSubtitlesExtension = upload.SourceSubtitles is { } s ? Path.GetExtension(s.Path) : null,
        };
        return (spec, new LanguagePair(source, targets[0]), callbackUrl, null);
    }

    /// <summary>The pipeline's own check, so the API refuses exactly what the workers could not do.</summary>
    private Invalid? Unsupported(LanguageCode source, List<LanguageCode> targets, bool dub, bool hasSubtitles)
    {
        if (targets.FirstOrDefault(t => t.Language == source.Language) is { Value: not null } same)
        {
            return new Invalid("invalid_request", $"target_languages: '{same}' is the source language.");
        }

        try
        {
            pipeline.RequireSupported(source, targets, dub, hasSubtitles);
            return null;
        }
        catch (UnsupportedLanguageException ex)
        {
            return new Invalid("unsupported_language", ex.Message);
        }
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
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            errors["glossary"] = ["Must be a JSON object of source term to target term, e.g. {\"Acme Widget\": \"Acme Widget\"}."];
            return [];
        }
    }
}
