namespace Survey.Tests.Support;

/// <summary>Finds the repository's folders from the test output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Survey.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Survey.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string Migrations => Path.Combine(Root, "migrations");

    public static string Indicators => Path.Combine(Root, "indicators");

    public static string Demo => Path.Combine(Root, "demo");

    public static string Scripts => Path.Combine(Root, "scripts");
}
