using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoTranslation.Server.Api.Documentation;

/// <summary>
/// What the generated OpenAPI document cannot see in the endpoints' types: the API's title and authentication, the
/// problem responses every operation can give (401 without a key where keys are required, 429 past a key's limits),
/// and the headers clients wait by (<c>Retry-After</c>, <c>ETag</c>, <c>Link</c>).
/// </summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
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
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        Problem(operation, "401", "No API key, or one that is unknown, mistyped or revoked (WWW-Authenticate: Bearer).");
        Problem(operation, "429", "A limit of the key was reached; Retry-After says when to try again.", retryAfter: true);
        var path = context.Description.RelativePath ?? "";
        if (path.StartsWith("v1/admin", StringComparison.Ordinal))
        {
            Problem(operation, "403", "An operator endpoint: it needs an admin key.");
        }

        if (context.Description.HttpMethod == "GET" && (path.StartsWith("job/", StringComparison.Ordinal) || path == "v1/jobs/{id}"))
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
        }

        return Task.CompletedTask;
    }

    private static void Problem(OpenApiOperation operation, string status, string description, bool retryAfter = false)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } },
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
