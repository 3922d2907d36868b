using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// <c>POST /v1/jobs/{id}/artifacts/{name}/link</c>: a URL that downloads one artifact without the API key, for a
/// browser's media elements or to hand to another program, like an object store's presigned URL.
/// </summary>
internal static class ArtifactLinkEndpoint
{
    /// <remarks>
    /// The link acts for the key that asked for it: it reads only this artifact, with ranges, until
    /// <c>expires_at</c> or until that key is revoked, whichever comes first. Anyone holding it can read the file.
    /// </remarks>
    public static async Task<Results<Ok<ArtifactLinkResource>, ProblemHttpResult>> CreateAsync(
        string id, string name, [FromQuery(Name = "expires_in")] int? expiresIn, HttpContext context, IJobRepository jobs, ArtifactCatalog artifacts, ArtifactLinks links,
        CancellationToken cancellationToken)
    {
        var lifetime = expiresIn is { } seconds ? TimeSpan.FromSeconds(seconds) : ArtifactLinks.DefaultLifetime;
        if (lifetime < ArtifactLinks.MinLifetime || lifetime > ArtifactLinks.MaxLifetime)
        {
            return ApiProblems.BadRequest(
                $"expires_in must be between {ArtifactLinks.MinLifetime.TotalSeconds:0} and {ArtifactLinks.MaxLifetime.TotalSeconds:0} seconds (7 days).");
        }

        var (job, problem) = await JobsApi.FindAsync(id, context, jobs, cancellationToken);
        if (job is null)
        {
            return problem!;
        }

        if ((await artifacts.ForAsync(job, cancellationToken)).FirstOrDefault(a => a.Name == name) is not { } artifact)
        {
            return JobsApi.NoArtifact(job.Id, name);
        }

        var keyId = context.User.FindFirst(CallerClaims.KeyId)?.Value;
        var (token, expiresAt) = await links.CreateAsync(keyId, job.Id.Value, job.CreatedAt, name, lifetime, cancellationToken);
        return TypedResults.Ok(new ArtifactLinkResource($"{artifact.UrlFor(job.Id)}?{ArtifactLinks.QueryName}={token}", expiresAt));
    }
}

/// <summary>A signed artifact link: <see cref="Url"/> (relative to the server) downloads the artifact until <see cref="ExpiresAt"/>.</summary>
public sealed record ArtifactLinkResource(string Url, DateTimeOffset ExpiresAt);
