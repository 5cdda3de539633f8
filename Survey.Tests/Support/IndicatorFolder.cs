using System.Text.Json.Nodes;

namespace Survey.Tests.Support;

/// <summary>A temporary copy of the <c>indicators/</c> folder that a test may change, removed on dispose.</summary>
public sealed class IndicatorFolder : IDisposable
{
    public IndicatorFolder()
    {
        Path = Directory.CreateTempSubdirectory("survey-indicators-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryPaths.Indicators, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryPaths.Indicators, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public const string Methodology = "methodology/v1.json";

    public const string Catalogue = "catalogue/sni-iso-37122-2019.json";

    /// <summary>Changes one JSON file through <paramref name="change"/>.</summary>
    public void Edit(string relativePath, Action<JsonNode> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var file = System.IO.Path.Combine(Path, relativePath);
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        change(node);
        File.WriteAllText(file, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Replaces one file's text.</summary>
    public void Write(string relativePath, string text) => File.WriteAllText(System.IO.Path.Combine(Path, relativePath), text);

    /// <summary>Reads one file's text.</summary>
    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
