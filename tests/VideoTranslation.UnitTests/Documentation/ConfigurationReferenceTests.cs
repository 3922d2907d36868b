using System.Reflection;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.UnitTests.Documentation;

/// <summary>
/// The README's configuration table is the reference for every setting: this keeps it in step with the options
/// classes, so a new setting cannot ship undocumented.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void Every_setting_of_every_options_class_is_in_the_readme_configuration_table()
    {
        var table = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md")).Where(line => line.StartsWith('|')).ToList();
        var settings = OptionsClasses().SelectMany(type => Settings((string)type.GetField("SectionName")!.GetValue(null)!, type)).ToList();

        Assert.True(settings.Count > 40, $"only {settings.Count} settings found");
        var missing = settings.Where(setting => !table.Any(line => Documents(line, setting))).ToList();
        Assert.True(missing.Count == 0, "Not in the README's configuration table: " + string.Join(", ", missing));
    }

    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(VideoTranslationServer).Assembly, typeof(TranslationPipeline).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    /// <summary>Every bindable setting as its configuration key, nested sections included (e.g. <c>Artifacts:S3:Bucket</c>).</summary>
    private static IEnumerable<string> Settings(string prefix, Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite).SelectMany(property =>
            property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsGenericType
                ? Settings($"{prefix}:{property.Name}", property.PropertyType)
                : [$"{prefix}:{property.Name}"]);

    /// <summary>A row documents a key when it names it whole, or names its section and the key's last part (grouped rows).</summary>
    private static bool Documents(string row, string key)
    {
        var section = key[..key.LastIndexOf(':')];
        var name = key[(key.LastIndexOf(':') + 1)..];
        return row.Contains($"`{key}`", StringComparison.Ordinal) || row.Contains($"`{key}=", StringComparison.Ordinal) ||
               (row.Contains($"`{section}:", StringComparison.Ordinal) && row.Contains($"`{name}`", StringComparison.Ordinal)) ||
               row.Contains($"`{section}:*`", StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "README.md")) && File.Exists(Path.Combine(directory.FullName, "VideoTranslation.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root is not above the test assembly.");
    }
}
