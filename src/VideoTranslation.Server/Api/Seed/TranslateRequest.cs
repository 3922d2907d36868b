using VideoTranslation.Domain;

namespace VideoTranslation.Server.Api.Seed;

/// <summary>Body of <c>POST /translate</c>. Every field is nullable so a missing one is reported, not a binding failure.</summary>
/// <remarks><c>callback_url</c> is an addition: the seed had no webhooks; seed clients never send it.</remarks>
public sealed record TranslateRequest(string? JobId, string? SourceLanguage, string? TargetLanguage, string? CallbackUrl = null)
{
    /// <summary>Checks the request; on failure <paramref name="errors"/> names each bad field (in the API's snake_case).</summary>
    public bool TryValidate(
        out JobId? jobId, out LanguagePair languages, out string? callbackUrl, out Dictionary<string, string[]> errors, bool allowPrivateNetworks = false)
    {
        errors = [];
        if (!Api.CallbackUrl.TryParse(CallbackUrl, allowPrivateNetworks, out callbackUrl, out var callbackError))
        {
            errors["callback_url"] = [callbackError!];
        }

        jobId = null;
        languages = default;

        if (JobId is not null)
        {
            if (Domain.JobId.TryParse(JobId, out var id, out var idError))
            {
                jobId = id;
            }
            else
            {
                errors["job_id"] = [idError];
            }
        }

        var sourceOk = LanguageCode.TryParse(SourceLanguage, out var source, out var sourceError);
        if (!sourceOk)
        {
            errors["source_language"] = [sourceError!];
        }

        var targetOk = LanguageCode.TryParse(TargetLanguage, out var target, out var targetError);
        if (!targetOk)
        {
            errors["target_language"] = [targetError!];
        }

        if (sourceOk && targetOk)
        {
            if (source == target)
            {
                errors["target_language"] = [$"The target language must differ from the source language (both are '{source}')."];
            }
            else
            {
                languages = new LanguagePair(source, target);
            }
        }

        return errors.Count == 0;
    }
}
