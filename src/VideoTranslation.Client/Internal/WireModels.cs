namespace VideoTranslation.Client.Internal;

/// <summary>Body of <c>POST /translate</c>.</summary>
internal sealed record StartTranslationRequest(string JobId, string SourceLanguage, string TargetLanguage);

/// <summary>Answer to <c>POST /translate</c>.</summary>
internal sealed record StartTranslationResponse(string? Message, string JobId);

/// <summary>An RFC 9457 problem details body, as much of it as the client uses.</summary>
internal sealed record ProblemResponse(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors, string? Code = null);

/// <summary>Answer to <c>POST /v1/jobs/{id}/artifacts/{name}/link</c>: a URL relative to the server.</summary>
internal sealed record ArtifactLinkResponse(string Url, DateTimeOffset ExpiresAt);
