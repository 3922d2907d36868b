using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using VideoTranslation.Domain;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// An artifact's download: ASP.NET Core's file result, which honours ranges and every conditional header (If-None-Match,
/// If-Modified-Since, If-Range, If-Match, If-Unmodified-Since), given the artifact's validators: a strong <c>ETag</c>
/// and <c>Last-Modified</c>. One thing is changed: the framework answers an unsatisfiable range with an empty
/// <c>416</c> typed as the file, and this API's errors are problem details everywhere. Caches must revalidate
/// (<c>no-cache</c>): a render replaces a job's files under the same names, and the tags make revalidating cheap.
/// </summary>
internal sealed class ArtifactFileResult(string path, Artifact artifact, TranslationJob job, string downloadName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-cache";
        await TypedResults.PhysicalFile(path, artifact.ContentType, downloadName, LastModified(job), Tag(artifact, job), enableRangeProcessing: true)
            .ExecuteAsync(httpContext);
        var response = httpContext.Response;
        if (response.StatusCode == StatusCodes.Status416RangeNotSatisfiable && !response.HasStarted)
        {
            response.ContentLength = null;
            response.Headers.ContentDisposition = default;
            await ApiProblems.WithCode(StatusCodes.Status416RangeNotSatisfiable, ErrorCodes.RangeNotSatisfiable, "The range is outside the file",
                $"{artifact.Name} holds {artifact.Size} bytes; ask for a range that starts before its end (Content-Range says its length).").ExecuteAsync(httpContext);
        }
    }

    /// <summary>
    /// When the artifact last changed, as far as anyone can tell: the job's finish, or its last change while it runs (its
    /// files are written as its stages end). The same on every node, unlike a file's time in a local copy.
    /// </summary>
    public static DateTimeOffset LastModified(TranslationJob job) => job.CompletedAt ?? job.UpdatedAt;

    /// <summary>
    /// A strong tag: the job (and its creation, since a seed id can be used again after a delete), the artifact's name,
    /// and the version of its file in the store (which a render's replacement changes). Equal tags mean the same bytes,
    /// so If-Range can resume a download.
    /// </summary>
    public static EntityTagHeaderValue Tag(Artifact artifact, TranslationJob job)
    {
        var identity = $"{job.Id}|{job.CreatedAt.ToUnixTimeMilliseconds()}|{artifact.Name}|{artifact.Stored.Version}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identity));
        return new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"");
    }
}
