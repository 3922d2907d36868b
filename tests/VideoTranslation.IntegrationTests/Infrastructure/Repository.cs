namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Where the repository is, for tests that use its files (scripts, projects, tools installed by its scripts).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VideoTranslation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (VideoTranslation.sln) is not above the test assembly.");
    }
}
