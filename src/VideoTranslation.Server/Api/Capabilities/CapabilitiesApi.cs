using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Engines;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Api.Capabilities;

/// <summary>What this server can do, so clients (the web page among them) offer only what it will accept.</summary>
public static class CapabilitiesApi
{
    /// <summary>The subtitle modes a job can ask for, in the order a client should offer them.</summary>
    public static readonly IReadOnlyList<string> SubtitleModes = ["soft", "burned", "none"];

    public static IEndpointRouteBuilder MapCapabilitiesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/capabilities", GetCapabilities).WithTags("Jobs (v1)").WithName("GetCapabilities")
            .WithSummary("The engines, language pairs, subtitle modes and limits this server accepts for video jobs.");
        endpoints.MapGet("/v1/capabilities/voices/{language}", GetVoicesAsync).WithTags("Jobs (v1)").WithName("GetVoices")
            .WithSummary("The voices a dub in this language can give a speaker (voice.LANG.SPEAKER, or a track's voices), lowest first, with the pitch each speaks at.")
            .ProducesProblems(404);
        return endpoints;
    }

    internal static async Task<Results<Ok<IReadOnlyList<VoiceResource>>, ProblemHttpResult>> GetVoicesAsync(
        string language, TranslationPipeline pipeline, CancellationToken cancellationToken)
    {
        if (!LanguageCode.TryParse(language, out var parsed, out _) || !pipeline.CanSpeak(parsed))
        {
            return ApiProblems.WithCode(StatusCodes.Status404NotFound, ErrorCodes.UnsupportedLanguage, "No voices",
                $"The synthesizer here has no voice for '{ApiProblems.Echo(language, 20)}'.");
        }

        var voices = await pipeline.RegisterVoicesAsync(parsed, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VoiceResource>>([.. voices.Select(voice => new VoiceResource(voice.Name, voice.PitchHz))]);
    }

    internal static Ok<CapabilitiesResource> GetCapabilities(TranslationPipeline pipeline, IOptions<ApiOptions> options, IOptions<MediaLimitOptions> limits)
    {
        var support = pipeline.DescribeSupport();
        return TypedResults.Ok(new CapabilitiesResource(
            new EnginesResource(support.Recognizer, support.Translator, support.Synthesizer),
            support.DetectsSourceLanguage,
            support.AnyPair,
            support.Pairs,
            SubtitleModes,
            options.Value.MaxUploadBytes,
            limits.Value.MaxMediaSeconds));
    }
}
