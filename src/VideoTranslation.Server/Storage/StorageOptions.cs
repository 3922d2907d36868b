using System.ComponentModel.DataAnnotations;

namespace VideoTranslation.Server.Storage;

/// <summary>Where the embedded default keeps its state. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory; the job database lives here as <c>jobs.db</c>.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory is required.")]
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    public static string DefaultDataDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "videotranslation");

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "jobs.db");
}
