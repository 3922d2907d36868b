using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoTranslation.Server.Api.Documentation;

/// <summary>
/// What the generated OpenAPI document cannot see in the endpoints' types: the API's title, servers and authentication,
/// the problem responses every operation can give (401 without a key where keys are required, 403 for an operator
/// endpoint or a foreign page on an open server, 429 past a key's limits), the headers clients wait and cache by
/// (<c>Retry-After</c>, <c>ETag</c>, <c>Link</c>, <c>Last-Modified</c>), the upload form, the artifact downloads'
/// bodies, and HEAD operations (GET's responses without a body, under an operation id of their own).
/// </summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    private const string BearerScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "VideoTranslation API",
            Version = "v1",
            Description = "Translate videos: transcript, subtitles, dubbed audio and the muxed video. The seed API (/translate, /job/{job_id}) " +
                          "is kept exactly; /v1 adds uploads, progress, events, artifacts, cancel and delete. Errors are RFC 9457 problem details.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (vts_…) from `vts keys create`. Required unless the server listens on loopback only.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

        // The generator names the server as the request reached it, with a trailing '/': paths already start with one.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Seed API", Description = "The original API, kept exactly: start a translation, read its status." },
            new() { Name = "Jobs (v1)", Description = "Video jobs: upload, follow (long-poll, events), download artifacts, cancel, delete." },
            new() { Name = "Operations", Description = "For operators (admin key): workers and queues." },
            new() { Name = "Webhooks", Description = "The caller's webhook signing secret." },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        var document = context.Document;
        Problem(operation, document, "401", "No API key, or one that is unknown, mistyped or revoked (WWW-Authenticate: Bearer).");
        Problem(operation, document, "429", "A limit of the key was reached; Retry-After says when to try again.", retryAfter: true);
        var path = (context.Description.RelativePath ?? "").TrimEnd('/');
        Problem(operation, document, "403", path.StartsWith("v1/admin", StringComparison.Ordinal)
            ? "An operator endpoint: it needs an admin key."
            : "Refused on a server without keys: addressed to a name that is not loopback (host_not_allowed), or a change sent from another site's page (cross_origin).");

        var method = context.Description.HttpMethod;
        if (method is "GET" or "HEAD" && (path.StartsWith("job/", StringComparison.Ordinal) || path == "v1/jobs/{id}"))
        {
            foreach (var (status, response) in operation.Responses.Where(r => r.Key is "200" or "202"))
            {
                if (response is OpenApiResponse concrete)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["ETag"] = Header("The job's version: send it in If-None-Match for a 304, or with ?wait= to wait for a newer one.");
                    concrete.Headers["Retry-After"] = Header("While the job is pending: the estimated seconds left (1-30), when to look again.", integer: true);
                    concrete.Headers["Link"] = Header("</v1/jobs/{id}/events>; rel=\"monitor\": the job's event stream.");
                }
            }

            QueryParameter(
                operation, "wait", JsonSchemaType.Number,
                "Long-poll: hold the request up to this many seconds (at most Api:MaxWaitSeconds) until the job changes. Also as Prefer: wait=N.");
        }

        if (path == "v1/jobs/{id}/artifacts/{name}")
        {
            QueryParameter(
                operation, "link", JsonSchemaType.String,
                "A signed link's token (from POST /v1/jobs/{id}/artifacts/{name}/link): opens this one artifact without an Authorization header until it expires.");
            ArtifactResponses(operation, document);
        }

        if (method == "POST" && path == "v1/jobs")
        {
            operation.RequestBody = UploadFormSchema.RequestBody();
        }

        if (method == "HEAD")
        {
            // The same endpoint as the GET, so the generator gives it the GET's id and bodies: a HEAD has its own id, and no body.
            operation.OperationId = operation.OperationId is { } id ? id + "Headers" : null;
            operation.Summary = $"Headers only: {operation.Summary}";
            foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
            {
                response.Content = null;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The seed's request: every member is nullable in C# so a missing one is reported as a field error rather than a
    /// binding failure, which the generator reads as "required, may be null". What a client must send is the two languages.
    /// </summary>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(Seed.TranslateRequest) && schema.Properties is { } properties)
        {
            schema.Required = new HashSet<string> { "source_language", "target_language" };
            foreach (var name in schema.Required)
            {
                if (properties.TryGetValue(name, out var property) && property is OpenApiSchema language)
                {
                    language.Type = JsonSchemaType.String;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>An artifact: its bytes in its own type, a part of them, or nothing new; with the validators that say which.</summary>
    private static void ArtifactResponses(OpenApiOperation operation, OpenApiDocument? document)
    {
        var binary = new Dictionary<string, OpenApiMediaType>
        {
            ["*/*"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
        };
        Dictionary<string, IOpenApiHeader> Validators() => new()
        {
            ["ETag"] = Header("A strong tag of the artifact's bytes: If-None-Match for a 304, If-Range to resume a download."),
            ["Last-Modified"] = Header("When the artifact last changed: If-Modified-Since for a 304."),
            ["Accept-Ranges"] = Header("bytes: parts can be asked for with Range."),
        };
        operation.Responses!["200"] = new OpenApiResponse
        {
            Description = "The artifact, in its own type (video/mp4, video/x-matroska, audio/mp4, application/x-subrip, text/vtt, application/json, or the upload's).",
            Content = binary,
            Headers = Validators(),
        };
        var partial = Validators();
        partial["Content-Range"] = Header("The part sent: bytes FIRST-LAST/LENGTH.");
        operation.Responses["206"] = new OpenApiResponse { Description = "The part of the artifact the Range header asked for.", Content = binary, Headers = partial };
        operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: the client's copy (If-None-Match, If-Modified-Since) is current.", Headers = Validators() };
        Problem(operation, document, "412", "A precondition failed: If-Match or If-Unmodified-Since did not hold.");
        if (operation.Responses.TryGetValue("416", out var unsatisfiable) && unsatisfiable is OpenApiResponse range)
        {
            range.Headers = new Dictionary<string, IOpenApiHeader> { ["Content-Range"] = Header("bytes */LENGTH: the artifact's length.") };
        }
    }

    private static void Problem(OpenApiOperation operation, OpenApiDocument? document, string status, string description, bool retryAfter = false)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        IOpenApiSchema schema = document is null ? new OpenApiSchema { Type = JsonSchemaType.Object } : new OpenApiSchemaReference("ProblemDetails", document);
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = Header("Seconds to wait before trying again.", integer: true) };
        }

        operation.Responses[status] = response;
    }

    private static void QueryParameter(OpenApiOperation operation, string name, JsonSchemaType type, string description)
    {
        operation.Parameters ??= [];
        if (!operation.Parameters.Any(p => p.Name == name))
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = new OpenApiSchema { Type = type } });
        }
    }

    private static OpenApiHeader Header(string description, bool integer = false) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String },
    };
}
