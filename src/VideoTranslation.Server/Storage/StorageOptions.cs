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

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Database);

    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "videotranslation");

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "jobs.db");
}
