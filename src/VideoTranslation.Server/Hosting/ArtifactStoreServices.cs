using Microsoft.Extensions.Options;
using VideoTranslation.Server.Artifacts;

namespace VideoTranslation.Server.Hosting;

internal static class ArtifactStoreServices
{
    /// <summary>Where a job's files live (<see cref="JobFiles"/>), the store that keeps them (a directory or an S3 bucket), and the sweeper of abandoned uploads.</summary>
    public static IServiceCollection AddArtifactStore(this IServiceCollection services)
    {
        services.AddSingleton<JobFiles>();
        services.AddValidatedOptions<ArtifactStoreOptions>(ArtifactStoreOptions.SectionName);
        services.AddSingleton<IArtifactStore>(sp => sp.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value.Store == "s3"
            ? ActivatorUtilities.CreateInstance<S3ArtifactStore>(sp)
            : ActivatorUtilities.CreateInstance<DirectoryArtifactStore>(sp));
        services.AddHostedService<OrphanedUploadSweeper>();
        return services;
    }
}
