using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Api.V1;
using VideoTranslation.Server.Engines;

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
        return endpoints;
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
