using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Translation;
using VideoTranslation.Server.Api.Capabilities;
using VideoTranslation.Server.Api.V1;

namespace VideoTranslation.Server.Api.Documentation;

/// <summary>
/// <c>POST /v1/jobs</c>'s multipart form as OpenAPI describes it, from <see cref="UploadFields"/>: the endpoint reads the
/// form itself (streaming the video to disk), so no parameter type tells the generator what it takes.
/// </summary>
internal static class UploadFormSchema
{
    public static OpenApiRequestBody RequestBody() => new()
    {
        Required = true,
        Description = "The video (or a source_url to fetch it from) and the job's options. Only these fields are taken; at most " +
                      $"{UploadFields.MaxFields} fields, each up to {UploadFields.MaxFieldBytes / 1024} KiB and all together up to {UploadFields.MaxTotalFieldBytes / 1024} KiB.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { UploadFields.TargetLanguages },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [UploadFields.File] = File($"The video: {ContainerFormats.Described}. Required unless source_url is given."),
                        [UploadFields.SourceUrl] = Text("An http(s) URL to fetch the video from instead of a file (public addresses only).", "uri"),
                        [UploadFields.SourceLanguage] = Text("The spoken language (e.g. en), or 'auto' to detect it where the recognizer can. Default: en."),
                        [UploadFields.TargetLanguages] = Text($"One to {UploadFields.MaxTargetLanguages} target languages, comma-separated or repeated, e.g. es,pt-BR."),
                        [UploadFields.Dub] = Flag("Synthesize a dubbed audio track per language. Default: true."),
                        [UploadFields.KeepOriginalAudio] = Flag("Mix the original audio, ducked, under the dub. Default: true."),
                        [UploadFields.Subtitles] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String,
                            Description = "soft (a track per language), burned (the first language drawn into the picture; re-encodes the video) or none. Default: soft.",
                            Enum = [.. CapabilitiesApi.SubtitleModes.Select(mode => (JsonNode)JsonValue.Create(mode))],
                        },
                        [UploadFields.Glossary] = Text($"A JSON object of source term to required translation, e.g. {{\"Acme\": \"Acme\"}} (at most {Glossary.MaxEntries} terms of {Glossary.MaxTermLength} characters, translations of {Glossary.MaxTargetLength})."),
                        [UploadFields.CallbackUrl] = Text("An http(s) URL the server POSTs the job to when it ends, signed per Standard Webhooks.", "uri"),
                        [UploadFields.SourceSubtitles] = File("An SRT or WebVTT file in the source language that replaces speech recognition."),
                    },
                    PatternProperties = new Dictionary<string, IOpenApiSchema>
                    {
                        [@"^voice\.[A-Za-z]{2}([-_][A-Za-z0-9]{2,8})*$"] = Text("voice.LANG: the voice for one target language, one the synthesizer lists (e.g. voice.es=es+f3, or nova for openai)."),
                    },
                    AdditionalPropertiesAllowed = false,
                },
            },
        },
    };

    private static OpenApiSchema Text(string description, string? format = null) => new() { Type = JsonSchemaType.String, Description = description, Format = format };

    /// <summary>A form field is text: a flag is the word <c>true</c> or <c>false</c> (1/0 and yes/no are taken too).</summary>
    private static OpenApiSchema Flag(string description) =>
        new() { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true"), JsonValue.Create("false")], Description = description };

    private static OpenApiSchema File(string description) => new() { Type = JsonSchemaType.String, Format = "binary", ContentMediaType = "application/octet-stream", Description = description };
}
