using NetArchTest.Rules;
using VideoTranslation.Server.Hosting;

namespace VideoTranslation.UnitTests.Architecture;

/// <summary>
/// The server's folders depend on each other one way, from the bottom of <see cref="Layers"/> up (docs/architecture.md
/// says why each sits where it does). Read from the compiled assembly, so a fully qualified name or a lambda's body counts.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>Lowest first: a folder may use those before it, never those after it.</summary>
    public static readonly string[] Layers =
    [
        "Problems", "Queue", "Storage", "Artifacts", "Editing", "Webhooks", "Observability", "Operations", "Engines", "Workers",
        "Security", "Api", "Web", "Hosting",
    ];

    public static TheoryData<string> Folders() => [.. Layers];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_no_folder_above_it(string folder)
    {
        var above = Layers.SkipWhile(layer => layer != folder).Skip(1).Select(Namespace).ToArray();
        if (above.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(typeof(VideoTranslationServer).Assembly)
            .That().ResideInNamespaceMatching($"^{Regex(Namespace(folder))}(\\..+)?$")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{folder} uses a folder above it in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_folder_of_the_server_has_a_place_in_the_layers()
    {
        var folders = typeof(VideoTranslationServer).Assembly.GetTypes()
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(name => name.StartsWith("VideoTranslation.Server.", StringComparison.Ordinal))
            .Select(name => name["VideoTranslation.Server.".Length..].Split('.')[0])
            .ToHashSet();

        Assert.Empty(folders.Except(Layers));
    }

    private static string Namespace(string folder) => $"VideoTranslation.Server.{folder}";

    private static string Regex(string name) => System.Text.RegularExpressions.Regex.Escape(name);
}
