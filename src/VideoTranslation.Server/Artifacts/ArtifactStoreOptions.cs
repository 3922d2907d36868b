using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Artifacts;

/// <summary>Where jobs' files are shared between nodes. Bound from the <c>Artifacts</c> configuration section.</summary>
public sealed class ArtifactStoreOptions : IValidatableObject
{
    public const string SectionName = "Artifacts";

    /// <summary><c>directory</c> (the data directory, local or a shared mount) or <c>s3</c> (an S3-compatible bucket).</summary>
    [RegularExpression("^(directory|s3)$", ErrorMessage = "Artifacts:Store must be 'directory' or 's3'.")]
    public string Store { get; set; } = "directory";

    public S3StoreOptions S3 { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store != "s3")
        {
            yield break;
        }

        if (!Uri.TryCreate(S3.ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Artifacts:S3:ServiceUrl must be the S3 endpoint's http(s) URL, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.internal:9000.");
        }

        if (string.IsNullOrWhiteSpace(S3.Bucket))
        {
            yield return new ValidationResult("Artifacts:S3:Bucket must name an existing bucket.");
        }
    }
}

/// <summary>An S3-compatible bucket (AWS, MinIO, Ceph, ...), addressed path-style.</summary>
public sealed class S3StoreOptions
{
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>Prepended to every key, e.g. <c>vts/</c>, to share a bucket.</summary>
    public string Prefix { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; without one, the SDK's usual sources (environment, instance profile) are asked.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }
}
