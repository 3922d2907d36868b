using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Storage;

/// <summary>Where the service keeps its state. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory; the job database lives here as <c>jobs.db</c>.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory is required.")]
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// The job database for several nodes: PostgreSQL, as a URL (<c>postgresql://user:password@host:5432/vts</c>) or
    /// an Npgsql connection string (<c>Host=...;Database=...</c>). Unset: the embedded SQLite file in the data directory.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>
    /// How many jobs each node keeps in memory for status reads (<see cref="JobCache"/>); 0 reads every status from the
    /// database. An entry is a few hundred bytes.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = "Storage:CachedJobs must be between {1} and {2}.")]
    public int CachedJobs { get; set; } = 100_000;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "videotranslation");

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "jobs.db");
}
